class Inferflux < Formula
  version "1.4.0"
  url "https://github.com/octo-org/inferflux/releases/download/v1.4.0/inferflux-1.4.0-darwin-arm64.tar.gz"
  sha256 "7898f41d79e15e882615812aa08412aa6e5031d17597095e532bd159c14e3f5e"
end
