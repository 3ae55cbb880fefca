import ReleaseKitCLI
print("bump-version")
