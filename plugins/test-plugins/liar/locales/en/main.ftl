units = { $count } units left
reversed = Reversed: { $name }
override = Left { "\u202E" }open
