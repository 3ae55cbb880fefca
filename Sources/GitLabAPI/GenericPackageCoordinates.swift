import Foundation
import ReleaseKitCore

/// Where one file lives in the generic package registry: package name, version and
/// file name, each checked against the characters GitLab accepts, so a bad name is
/// exit 2 naming the input instead of GitLab's 400 after the upload was streamed.
public struct GenericPackageCoordinates: Sendable, Equatable {
    public let package: String
    public let version: String
    public let fileName: String

    public init(package: String, version: String, fileName: String) throws {
        guard !package.isEmpty, package.unicodeScalars.allSatisfy(Self.nameCharacters.contains) else {
            throw InputError("generic package name \"\(package)\": GitLab accepts only letters, digits, '.', '-' and '_'; set the component's name")
        }
        guard Self.isValidVersion(version) else {
            throw InputError("generic package version \"\(version)\": GitLab accepts letters, digits, '_', '+', '-' and single dots between them")
        }
        guard !fileName.isEmpty, fileName != ".", fileName != "..",
              fileName.unicodeScalars.allSatisfy(Self.fileCharacters.contains) else {
            throw InputError("asset \(fileName): GitLab's package registry accepts only letters, digits, '.', '-', '_', '+' and '~' in file names; rename the file")
        }
        self.package = package
        self.version = version
        self.fileName = fileName
    }

    /// `\A(\.?[\w\+-]+\.?)+\z`: no empty part between dots, no leading or trailing double dot.
    static func isValidVersion(_ version: String) -> Bool {
        guard !version.isEmpty, version.unicodeScalars.allSatisfy(versionCharacters.contains) else { return false }
        return !version.contains("..") && version != "."
    }

    /// `packages/generic/PACKAGE/VERSION/FILE`, each part encoded.
    var path: String {
        "packages/generic/\(GitLabPath.segment(package))/\(GitLabPath.segment(version))/\(GitLabPath.segment(fileName))"
    }

    static let nameCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
    static let versionCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-")
    static let fileCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+~-")
}
