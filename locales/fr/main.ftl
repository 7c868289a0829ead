## French UI strings of the storefront (France and Belgium).

language-name = Français
storefront-label = { $country } · { $language }

country-NL = Pays-Bas
country-BE = Belgique
country-FR = France
country-DE = Allemagne
country-CH = Suisse
country-GB = Royaume-Uni
country-US = États-Unis
country-AE = Émirats arabes unis

skip-to-content = Aller au contenu
nav-home = Accueil
nav-categories = Catégories
nav-cart = Panier
nav-cart-count = { $count ->
    [one] Panier ({ $count } article)
   *[other] Panier ({ $count } articles)
}
breadcrumb-label = Fil d’Ariane
switcher-label = Pays et langue
footer-all-markets = Tous les pays et toutes les langues

search-label = Rechercher des produits
search-placeholder = Rechercher un produit
search-submit = Rechercher
search-title = Recherche
search-prompt = Saisissez le nom d’un produit pour lancer la recherche.
search-results = { $count ->
    [0] Aucun produit ne correspond à votre recherche.
    [one] Un produit correspond à votre recherche.
   *[other] { $count } produits correspondent à votre recherche.
}
search-results-best = Les { $shown } meilleurs des { $count } produits trouvés sont affichés : ajoutez un mot pour affiner votre recherche.

home-title = Accueil
home-heading = Pensés pour servir tous les jours
home-intro = Sacs, vêtements et objets pour la maison, conçus pour durer et vendus à un prix honnête.
home-categories = Acheter par catégorie
home-products = Notre sélection

category-empty = Il n’y a pas encore de produits dans cette catégorie ici.

price-incl-vat = TTC
price-excl-tax = hors taxes
price-was = Au lieu de { $price }
price-lowest-30-days = Prix le plus bas pratiqué dans les 30 jours précédant la réduction : { $price }

product-quantity = Quantité
product-add-to-cart = Ajouter au panier

cart-title = Votre panier
cart-empty = Votre panier est vide.
cart-line-recalled = Plus disponible : veuillez le retirer.
cart-recalled-notice = Un produit de votre panier a été retiré de la vente. Retirez-le pour passer commande.
cart-continue = Continuer mes achats
cart-col-product = Produit
cart-col-price = Prix
cart-col-quantity = Quantité
cart-col-total = Total
cart-total = Total
cart-update = Mettre à jour
cart-remove = Supprimer
cart-quantity-of = Quantité pour { $product }
cart-remove-of = Retirer { $product } de votre panier
cart-checkout = Passer à la caisse
cart-vat-included = Dont { $rate } % de TVA : { $amount }
cart-tax-at-checkout = Les taxes sont calculées lors de la validation de la commande.

cart-error-unknown-product = Ce produit n’existe pas.
cart-error-not-sold = Ce produit n’est pas vendu dans ce pays.
cart-error-recalled = Ce produit a été retiré de la vente.
cart-error-quantity = Veuillez choisir une quantité comprise entre 1 et 99.
cart-error-malformed = Votre demande n’a pas pu être lue. Veuillez réessayer.
cart-error-csrf = Votre session a expiré. Veuillez réessayer.
cart-error-too-large = Votre demande était trop volumineuse.

checkout-title = Commande
checkout-summary = Récapitulatif de la commande
checkout-delivery-address = Adresse de livraison
checkout-field-name = Nom complet
checkout-field-email = Adresse e-mail
checkout-field-street = Rue et numéro
checkout-field-postcode = Code postal
checkout-field-city = Ville
checkout-field-country = Pays
checkout-fix-errors = Veuillez corriger les champs signalés ci-dessous.
checkout-error-required = Ce champ est obligatoire.
checkout-error-email = Veuillez saisir une adresse e-mail valide.
checkout-error-too-long = Ce texte est trop long (200 caractères maximum).
checkout-payment-note = Le paiement ne fait pas partie de cette boutique de démonstration : votre commande est enregistrée, mais rien n’est débité et rien ne sera livré.
checkout-place-order = Valider la commande

order-title = Commande confirmée
order-thanks = Merci ! Votre numéro de commande est le { $id }.
order-placed-on = Passée le { $date }.
order-payment-note = Aucun paiement n’a été effectué : cette boutique de démonstration enregistre les commandes, mais ne les facture pas et ne les expédie pas.

chooser-title = Choisissez votre pays
chooser-heading = Où souhaitez-vous faire vos achats ?
chooser-suggestion = Continuer vers { $storefront }

error-back-home = Retour à la page d’accueil
error-not-found-title = Page introuvable
error-not-found-text = Nous n’avons pas trouvé la page que vous cherchiez.
error-gone-title = Produit plus disponible
error-gone-text = Ce produit a été retiré de la vente.
error-bad-request-title = Une erreur s’est produite
error-bad-request-text = Votre demande n’a pas pu être traitée.
error-forbidden-title = Session expirée
error-forbidden-text = Votre session a expiré. Veuillez revenir en arrière et réessayer.
error-too-large-title = Demande trop volumineuse
error-too-large-text = Votre demande était trop volumineuse pour être traitée.
error-unavailable-title = Temporairement indisponible
error-unavailable-text = Cette partie de la boutique est temporairement indisponible. Veuillez réessayer dans un instant.

checkout-delivery-method = Livraison
checkout-delivery-home = Livraison à domicile
checkout-error-delivery = Veuillez choisir l’un des modes de livraison.

## Plugin UI rendered by the theme
weekday-mon = Lundi
weekday-tue = Mardi
weekday-wed = Mercredi
weekday-thu = Jeudi
weekday-fri = Vendredi
weekday-sat = Samedi
weekday-sun = Dimanche
store-opening-hours = Horaires d’ouverture
store-closed = Fermé
store-chosen = Votre magasin
stock-in-stock = En stock
stock-low = Plus que quelques exemplaires
stock-out = En rupture de stock
pickup-ready-in = { $hours ->
    [one] Disponible pour le retrait dans { $hours } heure
   *[other] Disponible pour le retrait dans { $hours } heures
}
plugin-page-unavailable = Cette fonctionnalité est temporairement indisponible. Veuillez réessayer dans un instant.

checkout-share-postcode = Autoriser les fonctionnalités de cette boutique à utiliser mon code postal, par exemple pour suggérer le magasin le plus proche. Décochez pour retirer votre accord.

## Listes : nombre, tri, filtres et pages
listing-count = { $count ->
    [0] Aucun produit
    [one] Un produit
   *[other] { $count } produits
}
listing-sort = Trier par
sort-featured = Sélection
sort-relevance = Pertinence
sort-price-low = Prix croissant
sort-price-high = Prix décroissant
sort-newest = Nouveautés
filter-in-stock = En stock en magasin
filter-price-min = Prix min. ({ $currency })
filter-price-max = Prix max. ({ $currency })
filter-apply = Appliquer
listing-no-match = Aucun produit ne correspond à ces filtres.
pagination-label = Pages
page-status = Page { $page } sur { $pages }
page-previous = Page précédente
page-next = Page suivante
page-link = { $page }
page-number = Page { $page }
