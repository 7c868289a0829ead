values = Values
