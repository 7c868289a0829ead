held = Held
