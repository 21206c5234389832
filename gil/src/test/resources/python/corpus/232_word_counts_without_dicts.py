# Counting words by sorting, then counting runs.
text = "the cat and the hat and the bat"
words = sorted(text.split())
counts = []
i = 0
while i < len(words):
    j = i
    while j < len(words) and words[j] == words[i]:
        j += 1
    counts.append((words[i], j - i))
    i = j
print(counts)
best = counts[0]
for c in counts:
    if c[1] > best[1]:
        best = c
print(best)
