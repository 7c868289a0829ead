bomb0 = { $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }
bomb1 = { bomb0 }{ bomb0 }{ bomb0 }{ bomb0 }{ bomb0 }{ bomb0 }{ bomb0 }{ bomb0 }{ bomb0 }{ bomb0 }
bomb2 = { bomb1 }{ bomb1 }{ bomb1 }{ bomb1 }{ bomb1 }{ bomb1 }{ bomb1 }{ bomb1 }{ bomb1 }{ bomb1 }
bomb3 = { bomb2 }{ bomb2 }{ bomb2 }{ bomb2 }{ bomb2 }{ bomb2 }{ bomb2 }{ bomb2 }{ bomb2 }{ bomb2 }
bomb = { bomb3 }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }{ $a }
echo = { $a }
