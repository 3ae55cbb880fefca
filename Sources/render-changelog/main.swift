import ReleaseKitCLI
print("render-changelog")
