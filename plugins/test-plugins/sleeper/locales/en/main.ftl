napping = Napping
