import ReleaseKitCLI
print("guard-loop")
