// The suite runs real Debian servers (Dovecot, Chromium): it is a Linux suite.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
