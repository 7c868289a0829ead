filled = Filled
