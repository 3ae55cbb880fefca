import ReleaseKitCLI
print("parse-tag")
