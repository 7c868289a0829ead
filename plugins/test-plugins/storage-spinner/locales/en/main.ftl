spinning = Spinning
