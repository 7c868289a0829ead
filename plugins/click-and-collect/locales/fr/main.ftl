collect-heading = Retrait en magasin
stores-title = Choisissez votre magasin
no-stores = Aucun magasin ne propose encore le retrait dans ce pays.
out-of-stock-everywhere = Ce produit est en rupture de stock dans tous les magasins. Il peut toujours être livré à domicile.
choose-store = Choisir un magasin
collect-here = Retirer ici
cart-collect-at = Vous retirerez votre commande à { $store }.
cart-no-store = Choisissez un magasin pour y retirer gratuitement votre commande.
delivery-collect-at = Retrait à { $store }
ready-in-hours = { $hours ->
    [one] Prêt dans { $hours } heure
   *[other] Prêt dans { $hours } heures
}
error-no-store = Veuillez choisir un magasin.
error-unknown-store = Ce magasin ne propose pas le retrait dans ce pays.
error-no-cart = Ajoutez d’abord un produit à votre panier.
