# repr picks the quote that needs no escaping.
print(repr("plain"))
print(repr("it's"))
print(repr('say "hi"'))
print(repr("both ' and \""))
print(repr(""))
print(repr("\\"))
print(["it's", 'q"q'])
