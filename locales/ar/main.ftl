## Modern Standard Arabic UI strings of the storefront (United Arab Emirates).

language-name = العربية
storefront-label = { $country } · { $language }

country-NL = هولندا
country-BE = بلجيكا
country-FR = فرنسا
country-DE = ألمانيا
country-CH = سويسرا
country-GB = المملكة المتحدة
country-US = الولايات المتحدة
country-AE = الإمارات العربية المتحدة

skip-to-content = الانتقال إلى المحتوى
nav-home = الرئيسية
nav-categories = الفئات
nav-cart = سلة التسوق
nav-cart-count = { $count ->
    [zero] سلة التسوق (فارغة)
    [one] سلة التسوق (منتج واحد)
    [two] سلة التسوق (منتجان)
    [few] سلة التسوق ({ $count } منتجات)
    [many] سلة التسوق ({ $count } منتجًا)
   *[other] سلة التسوق ({ $count } منتج)
}
breadcrumb-label = مسار التنقل
switcher-label = الدولة واللغة
footer-all-markets = جميع الدول واللغات

search-label = البحث عن المنتجات
search-placeholder = ابحث عن منتج
search-submit = بحث
search-title = البحث
search-prompt = اكتب اسم المنتج للبحث عنه.
search-results = { $count ->
    [0] لا توجد منتجات تطابق بحثك.
    [one] عثرنا على منتج واحد يطابق بحثك.
    [two] عثرنا على منتجين يطابقان بحثك.
    [few] عثرنا على { $count } منتجات تطابق بحثك.
    [many] عثرنا على { $count } منتجًا يطابق بحثك.
   *[other] عثرنا على { $count } منتج يطابق بحثك.
}
search-results-best = نعرض أفضل { $shown } من أصل { $count } منتجًا مطابقًا: أضف كلمة لتضييق بحثك.

home-title = الرئيسية
home-heading = مصنوعة للاستخدام كل يوم
home-intro = حقائب وملابس ومستلزمات للمنزل، مصممة لتدوم طويلًا وبأسعار عادلة.
home-categories = تسوّق حسب الفئة
home-products = منتجات مختارة

category-empty = لا توجد منتجات في هذه الفئة هنا بعد.

price-incl-vat = شامل ضريبة القيمة المضافة
price-excl-tax = غير شامل ضريبة المبيعات
price-was = السعر السابق: { $price }
price-lowest-30-days = أدنى سعر خلال 30 يومًا قبل التخفيض: { $price }

product-quantity = الكمية
product-add-to-cart = أضف إلى سلة التسوق

cart-title = سلة التسوق
cart-empty = سلة التسوق فارغة.
cart-line-recalled = لم يعد متوفرًا: يرجى إزالته.
cart-recalled-notice = تم سحب منتج في سلة التسوق من البيع. أزله لمتابعة الدفع.
cart-continue = متابعة التسوق
cart-col-product = المنتج
cart-col-price = السعر
cart-col-quantity = الكمية
cart-col-total = الإجمالي
cart-total = الإجمالي
cart-update = تحديث
cart-remove = إزالة
cart-quantity-of = كمية { $product }
cart-remove-of = إزالة { $product } من سلة التسوق
cart-checkout = إتمام الشراء
cart-vat-included = يشمل ضريبة القيمة المضافة بنسبة { $rate }%: { $amount }
cart-tax-at-checkout = تُحتسب ضريبة المبيعات عند إتمام الشراء.

cart-error-unknown-product = هذا المنتج غير موجود.
cart-error-not-sold = هذا المنتج غير متوفر للبيع في هذه الدولة.
cart-error-recalled = تم سحب هذا المنتج من البيع.
cart-error-quantity = يرجى اختيار كمية بين 1 و99.
cart-error-malformed = تعذّرت قراءة طلبك. يرجى المحاولة مرة أخرى.
cart-error-csrf = انتهت صلاحية جلستك. يرجى المحاولة مرة أخرى.
cart-error-too-large = حجم طلبك كبير جدًا.

checkout-title = إتمام الشراء
checkout-summary = ملخص الطلب
checkout-delivery-address = عنوان التوصيل
checkout-field-name = الاسم الكامل
checkout-field-email = البريد الإلكتروني
checkout-field-street = الشارع ورقم المبنى
checkout-field-postcode = الرمز البريدي
checkout-field-city = المدينة
checkout-field-country = الدولة
checkout-fix-errors = يرجى تصحيح الحقول المحددة أدناه.
checkout-error-required = هذا الحقل مطلوب.
checkout-error-email = يرجى إدخال عنوان بريد إلكتروني صحيح.
checkout-error-too-long = النص طويل جدًا (200 حرف كحد أقصى).
checkout-payment-note = الدفع ليس جزءًا من هذا المتجر التجريبي: يُسجَّل طلبك، لكن لن يُخصم أي مبلغ ولن يُسلَّم أي شيء.
checkout-place-order = تأكيد الطلب

order-title = تم تأكيد الطلب
order-thanks = شكرًا لك! رقم طلبك هو { $id }.
order-placed-on = تم تقديم الطلب في { $date }.
order-payment-note = لم يُحصَّل أي مبلغ: هذا المتجر التجريبي يسجّل الطلبات لكنه لا يحصّل قيمتها ولا يشحنها.

chooser-title = اختر دولتك
chooser-heading = في أي دولة تودّ التسوق؟
chooser-suggestion = المتابعة إلى { $storefront }

error-back-home = العودة إلى الصفحة الرئيسية
error-not-found-title = الصفحة غير موجودة
error-not-found-text = لم نتمكن من العثور على الصفحة التي تبحث عنها.
error-gone-title = المنتج لم يعد متوفرًا
error-gone-text = تم سحب هذا المنتج من البيع.
error-bad-request-title = حدث خطأ ما
error-bad-request-text = تعذّرت معالجة طلبك.
error-forbidden-title = انتهت صلاحية الجلسة
error-forbidden-text = انتهت صلاحية جلستك. يرجى العودة والمحاولة مرة أخرى.
error-too-large-title = الطلب كبير جدًا
error-too-large-text = حجم طلبك أكبر من أن تتم معالجته.
error-unavailable-title = غير متاح مؤقتًا
error-unavailable-text = هذا القسم من المتجر غير متاح مؤقتًا. يرجى المحاولة مرة أخرى بعد قليل.

checkout-delivery-method = التوصيل
checkout-delivery-home = التوصيل إلى المنزل
checkout-error-delivery = يرجى اختيار أحد خيارات التوصيل.

## Plugin UI rendered by the theme
weekday-mon = الاثنين
weekday-tue = الثلاثاء
weekday-wed = الأربعاء
weekday-thu = الخميس
weekday-fri = الجمعة
weekday-sat = السبت
weekday-sun = الأحد
store-opening-hours = ساعات العمل
store-closed = مغلق
store-chosen = متجرك
stock-in-stock = متوفر في المخزون
stock-low = لم يتبقَّ سوى كمية قليلة
stock-out = نفد من المخزون
pickup-ready-in = { $hours ->
    [zero] جاهز للاستلام فورًا
    [one] جاهز للاستلام خلال ساعة واحدة
    [two] جاهز للاستلام خلال ساعتين
    [few] جاهز للاستلام خلال { $hours } ساعات
    [many] جاهز للاستلام خلال { $hours } ساعة
   *[other] جاهز للاستلام خلال { $hours } ساعة
}
plugin-page-unavailable = هذه الميزة غير متاحة مؤقتًا. يرجى المحاولة مرة أخرى بعد قليل.

checkout-share-postcode = اسمح لميزات هذا المتجر باستخدام رمزي البريدي، مثلًا لاقتراح أقرب متجر. أزل العلامة لسحب الموافقة.

## القوائم: العدد والترتيب والتصفية والصفحات
listing-count = { $count ->
    [0] لا توجد منتجات
    [one] منتج واحد
    [two] منتجان
    [few] { $count } منتجات
    [many] { $count } منتجًا
   *[other] { $count } منتج
}
listing-sort = الترتيب حسب
sort-featured = مختارات
sort-relevance = الأكثر صلة
sort-price-low = السعر: من الأقل إلى الأعلى
sort-price-high = السعر: من الأعلى إلى الأقل
sort-newest = الأحدث
filter-in-stock = متوفر في أحد المتاجر
filter-price-min = أدنى سعر ({ $currency })
filter-price-max = أعلى سعر ({ $currency })
filter-apply = تطبيق
listing-no-match = لا توجد منتجات تطابق عوامل التصفية هذه.
pagination-label = الصفحات
page-status = الصفحة { $page } من { $pages }
page-previous = الصفحة السابقة
page-next = الصفحة التالية
page-link = { $page }
page-number = الصفحة { $page }
