import ReleaseKitCLI
print("verify-artifacts")
