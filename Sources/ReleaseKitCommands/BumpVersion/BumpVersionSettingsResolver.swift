import ReleaseKitCore
import ReleaseKitRuntime

extension BumpVersionOptions {
    /// The one place flags, `.releasekit.yml` and defaults meet: each setting is the
    /// flag when given, else the configuration's value, else the default.
    func settings(config: ReleaseKitConfig, paths: PathResolver) throws -> BumpVersionSettings {
        var settings = BumpVersionSettings(level: level ?? .auto, pre: pre, preStyle: preStyle ?? config.prereleaseStyle, current: current, set: set, all: all,
                            message: message ?? config.commitMessage, bump: config.bump ?? .init(),
                            changelog: config.changelog ?? ChangelogSettings(), packages: try packages(config, paths))
        // Every configured package, for the dependents of the ones asked for: those
        // asked for as the flags describe them, the others as configured.
        settings.workspace = try config.packages.map { configured in
            try settings.packages.first { $0.component == configured.name } ?? package(configured, config, paths, flags: false)
        }
        settings.dependencyBump = config.dependencyBump ?? .patch
        return settings
    }

    /// `--all`: every configured package; `--component`: that package, or an ad-hoc
    /// one with `--path`; neither: the only configured package, or the repository.
    private func packages(_ config: ReleaseKitConfig, _ paths: PathResolver) throws -> [BumpVersionPackage] {
        if all {
            guard !config.packages.isEmpty else {
                throw InputError("--all releases every package listed under packages: in .releasekit.yml, and there is none (see README, Configuration)")
            }
            return try config.packages.map { try package($0, config, paths) }
        }
        if let name = component {
            if let package = config.package(named: name) { return [try self.package(package, config, paths)] }
            if !config.packages.isEmpty, self.paths.isEmpty {
                throw InputError("component \(String(reflecting: name)) is not a package in .releasekit.yml (packages: \(config.packages.map(\.name).joined(separator: ", "))); give --path DIR to release it anyway")
            }
        } else if config.packages.count == 1 {
            return [try package(config.packages[0], config, paths)]
        } else if config.packages.count > 1 {
            throw InputError("this repository has \(config.packages.count) packages in .releasekit.yml (\(config.packages.map(\.name).joined(separator: ", "))): choose one with --component NAME, or --all")
        }
        let component = component ?? ""
        let directories = self.paths.map { paths.relative(paths.fromCommandLine($0)) }.filter { $0 != "." }
        let detectionRoots = self.paths.isEmpty ? [paths.fromCommandLine(".")] : self.paths.map(paths.fromCommandLine)
        let files = try versionFiles(configured: config.versionFiles, origin: "version-files in .releasekit.yml", paths)
        let changelog = self.changelog.map { changelogRef(paths.fromCommandLine($0), origin: "--changelog", paths) }
            ?? config.changelogFile.map { changelogRef(paths.fromConfig($0), origin: "changelog-file in .releasekit.yml", paths) }
        return [BumpVersionPackage(component: component, directories: directories, detectionRoots: detectionRoots,
                                   scheme: config.scheme, tagFormat: config.tagFormat ?? .default(component: component), files: files,
                                   changelog: changelog)]
    }

    /// A configured package; `flags`: with `--path`, `--file` and `--changelog`
    /// applied (the package asked for), else as configured (a dependent).
    private func package(_ package: PackageConfig, _ config: ReleaseKitConfig, _ paths: PathResolver,
                         flags: Bool = true) throws -> BumpVersionPackage {
        let root = paths.fromConfig(package.path)
        let relative = paths.relative(root)
        let directories = self.paths.isEmpty || !flags ? (relative == "." ? [] : [relative])
            : self.paths.map { paths.relative(paths.fromCommandLine($0)) }.filter { $0 != "." }
        let origin = "version-files of package \(package.name) in .releasekit.yml"
        let files = flags ? try versionFiles(configured: package.versionFiles, origin: origin, paths)
            : package.versionFiles.map { $0.map { configuredRef($0, origin: origin, paths) } }
        return BumpVersionPackage(component: package.name, directories: directories, detectionRoots: [root],
                                  scheme: package.scheme ?? config.scheme,
                                  tagFormat: package.tagFormat ?? config.tagFormat ?? .default(component: package.name), files: files,
                                  changelog: changelog(of: package, root: root, config, paths, flags: flags))
    }

    /// `--changelog` (with `--all`: that name in the package's path), else the
    /// package's `changelog`, else `changelog-file` in the package's path.
    private func changelog(of package: PackageConfig, root: String, _ config: ReleaseKitConfig, _ paths: PathResolver,
                           flags: Bool) -> VersionFileRef? {
        if flags, let flag = changelog {
            return all ? changelogRef(PathResolver.normalize(root + "/" + flag), origin: "--changelog \(flag) in package \(package.name)", paths)
                : changelogRef(paths.fromCommandLine(flag), origin: "--changelog", paths)
        }
        if let own = package.changelog {
            return changelogRef(paths.fromConfig(own), origin: "changelog of package \(package.name) in .releasekit.yml", paths)
        }
        return config.changelogFile.map {
            changelogRef(PathResolver.normalize(root + "/" + $0), origin: "changelog-file in .releasekit.yml (package \(package.name))", paths)
        }
    }

    private func changelogRef(_ absolute: String, origin: String, _ paths: PathResolver) -> VersionFileRef {
        VersionFileRef(absolutePath: absolute, displayPath: paths.relative(absolute), spec: VersionFileSpec(path: paths.relative(absolute)),
                       origin: origin)
    }

    /// `--file` flags (relative to the working directory) win over the configured
    /// files (relative to the root); nil means detect the known files.
    private func versionFiles(configured: [VersionFileSpec]?, origin: String, _ paths: PathResolver) throws -> [VersionFileRef]? {
        if !files.isEmpty {
            return try files.map { text in
                let spec = try VersionFileSpec(parsing: text)
                let absolute = paths.fromCommandLine(spec.path)
                return VersionFileRef(absolutePath: absolute, displayPath: paths.relative(absolute), spec: spec, origin: "--file \(text)")
            }
        }
        return configured?.map { configuredRef($0, origin: origin, paths) }
    }

    private func configuredRef(_ spec: VersionFileSpec, origin: String, _ paths: PathResolver) -> VersionFileRef {
        let absolute = paths.fromConfig(spec.path)
        return VersionFileRef(absolutePath: absolute, displayPath: paths.relative(absolute), spec: spec, origin: origin)
    }
}
