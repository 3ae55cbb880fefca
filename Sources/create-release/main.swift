import ReleaseKitCLI
print("create-release")
