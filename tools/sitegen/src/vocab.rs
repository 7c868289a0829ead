//! Words for product and category names in the five languages of the demo's locales
//! (en, nl, fr, de, ar), so that generated names read like a shop's and search has real
//! words, plurals and accents to work on.

/// The languages words are given in, in this order.
pub const LANGUAGES: [&str; 5] = ["en", "nl", "fr", "de", "ar"];

/// A kind of product: singular and plural per language.
pub struct Noun {
    /// Its image's file stem and its id in category ids.
    pub id: &'static str,
    /// Singular, per language in [`LANGUAGES`] order.
    pub one: [&'static str; 5],
    /// Plural, per language.
    pub many: [&'static str; 5],
    /// A typical price in euro cents.
    pub cents: u32,
}

/// Product kinds.
pub const NOUNS: [Noun; 12] = [
    Noun {
        id: "tote",
        one: ["tote", "shopper", "cabas", "Shopper", "حقيبة تسوق"],
        many: ["totes", "shoppers", "cabas", "Shopper", "حقائب تسوق"],
        cents: 4900,
    },
    Noun {
        id: "backpack",
        one: ["backpack", "rugzak", "sac à dos", "Rucksack", "حقيبة ظهر"],
        many: [
            "backpacks",
            "rugzakken",
            "sacs à dos",
            "Rucksäcke",
            "حقائب ظهر",
        ],
        cents: 12900,
    },
    Noun {
        id: "shirt",
        one: ["shirt", "overhemd", "chemise", "Hemd", "قميص"],
        many: ["shirts", "overhemden", "chemises", "Hemden", "قمصان"],
        cents: 5900,
    },
    Noun {
        id: "sweater",
        one: ["sweater", "trui", "pull", "Pullover", "كنزة"],
        many: ["sweaters", "truien", "pulls", "Pullover", "كنزات"],
        cents: 11900,
    },
    Noun {
        id: "jacket",
        one: ["jacket", "jas", "veste", "Jacke", "سترة"],
        many: ["jackets", "jassen", "vestes", "Jacken", "سترات"],
        cents: 14900,
    },
    Noun {
        id: "scarf",
        one: ["scarf", "sjaal", "écharpe", "Schal", "وشاح"],
        many: ["scarves", "sjaals", "écharpes", "Schals", "أوشحة"],
        cents: 6900,
    },
    Noun {
        id: "mug",
        one: ["mug", "mok", "tasse", "Becher", "كوب"],
        many: ["mugs", "mokken", "tasses", "Becher", "أكواب"],
        cents: 2450,
    },
    Noun {
        id: "candle",
        one: ["candle", "kaars", "bougie", "Kerze", "شمعة"],
        many: ["candles", "kaarsen", "bougies", "Kerzen", "شموع"],
        cents: 3450,
    },
    Noun {
        id: "napkin",
        one: ["napkin", "servet", "serviette", "Serviette", "منديل"],
        many: ["napkins", "servetten", "serviettes", "Servietten", "مناديل"],
        cents: 3950,
    },
    Noun {
        id: "board",
        one: [
            "serving board",
            "serveerplank",
            "planche",
            "Servierbrett",
            "لوح تقديم",
        ],
        many: [
            "serving boards",
            "serveerplanken",
            "planches",
            "Servierbretter",
            "ألواح تقديم",
        ],
        cents: 5900,
    },
    Noun {
        id: "wallet",
        one: [
            "wallet",
            "portemonnee",
            "portefeuille",
            "Geldbörse",
            "محفظة",
        ],
        many: [
            "wallets",
            "portemonnees",
            "portefeuilles",
            "Geldbörsen",
            "محافظ",
        ],
        cents: 7900,
    },
    Noun {
        id: "cap",
        one: ["cap", "pet", "casquette", "Mütze", "قبعة"],
        many: ["caps", "petten", "casquettes", "Mützen", "قبعات"],
        cents: 2900,
    },
];

/// Materials, per language.
pub const MATERIALS: [[&str; 5]; 8] = [
    ["linen", "linnen", "lin", "Leinen", "كتان"],
    ["wool", "wol", "laine", "Wolle", "صوف"],
    ["leather", "leer", "cuir", "Leder", "جلد"],
    ["cotton", "katoen", "coton", "Baumwolle", "قطن"],
    ["oak", "eikenhout", "chêne", "Eiche", "بلوط"],
    ["ceramic", "keramiek", "céramique", "Keramik", "سيراميك"],
    ["canvas", "canvas", "toile", "Canvas", "كانفاس"],
    ["merino", "merino", "mérinos", "Merino", "ميرينو"],
];

/// Colours, per language.
pub const COLOURS: [[&str; 5]; 8] = [
    ["blue", "blauw", "bleu", "blau", "أزرق"],
    ["green", "groen", "vert", "grün", "أخضر"],
    ["black", "zwart", "noir", "schwarz", "أسود"],
    ["white", "wit", "blanc", "weiß", "أبيض"],
    ["red", "rood", "rouge", "rot", "أحمر"],
    ["grey", "grijs", "gris", "grau", "رمادي"],
    ["sand", "zand", "sable", "sandfarben", "رملي"],
    ["navy", "marineblauw", "marine", "marineblau", "كحلي"],
];

/// A product's name in language `l`: `Blue linen shirt 1042`, `Overhemd van linnen, blauw 1042`.
pub fn product_name(
    l: usize,
    noun: &Noun,
    material: &[&str; 5],
    colour: &[&str; 5],
    n: usize,
) -> String {
    let (noun, material, colour) = (noun.one[l], material[l], colour[l]);
    let name = match l {
        0 => format!("{colour} {material} {noun} {n}"),
        1 => format!("{noun} van {material}, {colour} {n}"),
        2 => format!("{noun} en {material} {colour} {n}"),
        3 => format!("{noun} aus {material}, {colour} {n}"),
        _ => format!("{noun} {material} {colour} {n}"),
    };
    capitalised(&name)
}

/// A product's description in language `l`.
pub fn product_description(l: usize, noun: &Noun, material: &[&str; 5]) -> String {
    let (noun, material) = (noun.one[l], material[l]);
    match l {
        0 => format!("A {noun} in {material}, made to last and easy to care for."),
        1 => format!("Een {noun} van {material}, gemaakt om lang mee te gaan."),
        2 => format!("Un modèle {noun} en {material}, conçu pour durer."),
        3 => format!(
            "{} aus {material}, gemacht für viele Jahre.",
            capitalised(noun)
        ),
        _ => format!("{noun} من {material}، مصنوع ليدوم طويلًا."),
    }
}

/// A category's name in language `l`: `Linen shirts`, `Overhemden van linnen`.
pub fn category_name(l: usize, noun: &Noun, material: &[&str; 5]) -> String {
    let (many, material) = (noun.many[l], material[l]);
    let name = match l {
        0 => format!("{material} {many}"),
        1 => format!("{many} van {material}"),
        2 => format!("{many} en {material}"),
        3 => format!("{many} aus {material}"),
        _ => format!("{many} {material}"),
    };
    capitalised(&name)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
