# Prefix and suffix tests.
name = "report_2024.txt"
for text, prefix in [(name, "report"), (name, ""), ("ab", "abc")]:
    print(text.startswith(prefix))
for text, suffix in [(name, ".txt"), (name, ".csv"), ("", "")]:
    print(text.endswith(suffix))
