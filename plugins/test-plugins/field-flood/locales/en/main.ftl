flood = Flood
