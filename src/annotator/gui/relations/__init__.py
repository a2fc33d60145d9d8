"""Relations between spans in the window: the undo commands that store them, the keyboard way
of drawing one (R, Tab, the relation's key), and the arcs that show them over the text."""
