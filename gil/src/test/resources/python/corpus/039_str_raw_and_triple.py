# Raw strings keep backslashes; triple quotes span lines.
r = r"C:\new\table"
print(r)
print(len(r))
t = """first
second
third"""
print(t)
print(len(t))
u = '''it's "quoted"'''
print(u)
