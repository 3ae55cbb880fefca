import ReleaseKitCore
import Testing

/// Flags a forge has no feature for are refused (exit 2), naming where the forge came from.
@Suite struct CreateReleaseForgeSettingsTests {
    func settings(_ forge: ForgeKind, _ change: (inout CreateReleaseSettings) -> Void) -> CreateReleaseSettings {
        var settings = CreateReleaseSettings()
        settings.forge = forge
        settings.forgeOrigin = "--forge"
        change(&settings)
        return settings
    }

    @Test func gitLabHasNoDrafts() {
        #expect(throws: InputError.self) { try settings(.gitlab) { $0.draft = true }.validated() }
        #expect(throws: InputError.self) { try settings(.gitlab) { $0.publishOnly = true }.validated() }
        #expect((try? settings(.gitlab) { $0.publish = true }.validated()) != nil)
        do {
            _ = try settings(.gitlab) { $0.draft = true }.validated()
        } catch {
            #expect("\(error)".contains("--draft: GitLab (forge from --forge) has no draft releases"))
        }
    }

    @Test(arguments: [ForgeKind.gitea, .forgejo, .gitlab])
    func gitHubOnlyFlagsAreRefusedElsewhere(forge: ForgeKind) {
        #expect(throws: InputError.self) { try settings(forge) { $0.generateNotes = true }.validated() }
        #expect(throws: InputError.self) { try settings(forge) { $0.discussionCategory = "Announcements" }.validated() }
        #expect(throws: InputError.self) { try settings(forge) { $0.latest = .true }.validated() }
    }

    @Test func giteaKeepsDrafts() throws {
        _ = try settings(.gitea) { $0.draft = true }.validated()
        _ = try settings(.forgejo) { $0.publishOnly = true }.validated()
        _ = try settings(.github) { $0.generateNotes = true; $0.latest = .legacy }.validated()
    }

    @Test func theConfigurationNamesAForge() throws {
        #expect(try ReleaseKitConfig.parse("forge: forgejo\n", file: ".releasekit.yml").forge == .forgejo)
        #expect(try ReleaseKitConfig.parse("scheme: semver\n", file: ".releasekit.yml").forge == nil)
        #expect(throws: ConfigError.self) { try ReleaseKitConfig.parse("forge: bitbucket\n", file: ".releasekit.yml") }
    }
}
