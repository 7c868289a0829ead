forged = Forged
