"""The green channel (绿色通道) of key and investment projects: one first-contact clock per
ticket, half a working day, started at acceptance or when the window flags an accepted case."""
