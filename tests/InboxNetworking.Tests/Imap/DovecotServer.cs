using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit.Net.Imap;
using MailKit.Security;

namespace InboxNetworking.Tests.Imap;

/// <summary>A real Dovecot of the test run's own on free loopback ports (PLATFORM.md): plain IMAP for the
/// loopback tests, implicit TLS with a self-signed certificate, users in a passwd-file, Maildir seeded by
/// writing files directly.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DovecotServer : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "inboxnet-dovecot", Guid.NewGuid().ToString("N")[..12]);
    private readonly object _usersLock = new();
    private Process? _master;
    private int _nextUser;
    private int _nextFile;

    public int PlainPort { get; }

    public int TlsPort { get; }

    /// <summary>SHA-256 of the self-signed certificate, as `--accept-certificate` takes it.</summary>
    public string CertificateSha256 { get; }

    public string LogPath => Path.Combine(_root, "dovecot.log");

    private string ConfigPath => Path.Combine(_root, "dovecot.conf");

    private string UsersPath => Path.Combine(_root, "users");

    public DovecotServer()
    {
        if (!File.Exists("/usr/sbin/dovecot"))
            throw new InvalidOperationException("Dovecot is not installed: run tests/run-tests.sh (it apt-get installs dovecot-imapd), or apt-get install dovecot-imapd");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(Path.Combine(_root, "mail"));
        File.WriteAllLines(UsersPath, _users.Select(u => $"{u.User}:{{PLAIN}}{u.Password}::::::"));
        // Dovecot's auth worker (not root) must read the users: a 0700 folder looks like a wrong password.
        File.SetUnixFileMode(Path.GetDirectoryName(_root)!, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(UsersPath, (UnixFileMode)0b110_100_100);
        CertificateSha256 = WriteCertificate();
        PlainPort = FreePort();
        TlsPort = FreePort();
        File.WriteAllText(ConfigPath, Config());
        Run("chown", "-R", "nobody:nogroup", Path.Combine(_root, "mail"));
        Start();
    }

    /// <summary>Users written before the server starts: Dovecot looks at its passwd-file at most once a
    /// second, so a user added later may be refused for that second.</summary>
    private const int Users = 64;

    private readonly List<(string User, string Password)> _users = Enumerable.Range(1, Users)
        .Select(i => ($"user{i}@corp.example", "pw-" + Guid.NewGuid().ToString("N")[..12])).ToList();

    /// <summary>A new mailbox of its own: (user, password).</summary>
    public (string User, string Password) NewUser()
    {
        lock (_usersLock)
        {
            if (_nextUser == Users)
                throw new InvalidOperationException($"the test Dovecot has {Users} users: raise DovecotServer.Users");
            return _users[_nextUser++];
        }
    }

    /// <summary>Changes a user's password behind the product's back (a revoked app password).</summary>
    public void ChangePassword(string user, string password)
    {
        lock (_usersLock)
        {
            var lines = File.ReadAllLines(UsersPath).Select(l => l.StartsWith(user + ":", StringComparison.Ordinal) ? $"{user}:{{PLAIN}}{password}::::::" : l);
            File.WriteAllLines(UsersPath, lines.ToList());
            File.SetUnixFileMode(UsersPath, (UnixFileMode)0b110_100_100);
        }
        // Dovecot looks at a passwd-file for changes at most once a second.
        Thread.Sleep(1100);
    }

    private (string User, string Password)? _large;

    /// <summary>One mailbox of <see cref="LargeCount"/> messages, seeded once per run and only ever read.</summary>
    public (string User, string Password) LargeMailbox()
    {
        lock (_usersLock)
        {
            if (_large is { } large)
                return large;
        }
        var user = NewUser();
        var start = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Seed(user.User, "INBOX", Enumerable.Range(0, LargeCount).Select(i =>
            Rfc822.Message($"p{i % 700}@x{i % 40}.example", user.User, start.AddMinutes(i * 7), $"large{i}@test", subject: $"thread {i % 3000}")));
        lock (_usersLock)
            _large = user;
        return user;
    }

    public const int LargeCount = 20_000;

    public string Maildir(string user, string folder = "INBOX") =>
        Path.Combine(_root, "mail", user, "Maildir", folder == "INBOX" ? "" : "." + folder);

    /// <summary>Writes messages straight into a Maildir folder (~7x faster than APPEND), owned by the mail user.</summary>
    public void Seed(string user, string folder, IEnumerable<string> messages)
    {
        var dir = Maildir(user, folder);
        foreach (var sub in new[] { "cur", "new", "tmp" })
            Directory.CreateDirectory(Path.Combine(dir, sub));
        foreach (var m in messages)
        {
            var n = Interlocked.Increment(ref _nextFile);
            File.WriteAllText(Path.Combine(dir, "cur", string.Create(CultureInfo.InvariantCulture, $"1700000000.M{n}P1.test:2,S")), m.ReplaceLineEndings("\r\n"));
        }
        Run("chown", "-R", "nobody:nogroup", Path.Combine(_root, "mail"));
    }

    /// <summary>Forgets the folder's UIDs, as a server restore or migration does: a new UIDVALIDITY follows.</summary>
    public void ResetUidValidity(string user, string folder = "INBOX")
    {
        // UIDVALIDITY is the creation second: one second later, the new one differs.
        Thread.Sleep(1100);
        foreach (var f in Directory.EnumerateFiles(Maildir(user, folder), "dovecot*"))
            File.Delete(f);
    }

    /// <summary>A logged-in client, for the tests' own changes (APPEND, MOVE, EXPUNGE, flags).</summary>
    public async Task<ImapClient> ClientAsync(string user, string password)
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", PlainPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, password);
        return client;
    }

    /// <summary>Starts the master in the foreground (<c>-F</c>) as our child: stopping it can then take the
    /// whole process tree, and no daemon outlives the test run holding inherited pipes (PLATFORM.md).</summary>
    public void Start()
    {
        // stdout and stderr are left alone (Dovecot logs to log_path): a pipe to them would never see its end.
        var info = new ProcessStartInfo("/usr/sbin/dovecot", ["-F", "-c", ConfigPath]) { UseShellExecute = false, RedirectStandardInput = true };
        _master = Process.Start(info)!;
        _master.StandardInput.Close();
        var sw = Stopwatch.StartNew();
        while (!Accepts(PlainPort) || !Accepts(TlsPort))
        {
            if (_master.HasExited || sw.Elapsed > TimeSpan.FromSeconds(20))
            {
                Stop();
                throw new InvalidOperationException("Dovecot did not start: " + (File.Exists(LogPath) ? File.ReadAllText(LogPath) : "no log"));
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Kills the master and every child: only that cuts the open IMAP connections (a stopped master
    /// leaves its imap processes answering), as a crash or a reboot of the server does.</summary>
    public void Stop()
    {
        if (_master is null)
            return;
        if (!_master.HasExited)
            _master.Kill(entireProcessTree: true);
        _master.WaitForExit(TimeSpan.FromSeconds(20));
        _master.Dispose();
        _master = null;
        var sw = Stopwatch.StartNew();
        while (Accepts(PlainPort) && sw.Elapsed < TimeSpan.FromSeconds(20))
            Thread.Sleep(50);
    }

    public void Dispose()
    {
        try
        {
            Stop();
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // a stale temp folder is harmless
        }
    }

    private string Config() => $$"""
        base_dir = {{_root}}/run
        state_dir = {{_root}}/state
        log_path = {{LogPath}}
        listen = 127.0.0.1
        protocols = imap
        ssl = yes
        ssl_cert = <{{_root}}/cert.pem
        ssl_key = <{{_root}}/key.pem
        disable_plaintext_auth = no
        auth_mechanisms = plain login
        auth_cache_size = 0
        passdb {
          driver = passwd-file
          args = scheme=PLAIN username_format=%u {{UsersPath}}
        }
        userdb {
          driver = static
          args = uid=nobody gid=nogroup home={{_root}}/mail/%u
        }
        mail_location = maildir:~/Maildir
        namespace inbox {
          inbox = yes
          separator = /
          mailbox Sent {
            auto = create
            special_use = \Sent
          }
          mailbox Archive {
            auto = create
            special_use = \Archive
          }
          mailbox Junk {
            auto = create
            special_use = \Junk
          }
          mailbox Trash {
            auto = create
            special_use = \Trash
          }
          mailbox Drafts {
            auto = create
            special_use = \Drafts
          }
        }
        protocol imap {
          mail_max_userip_connections = 200
        }
        service imap-login {
          inet_listener imap {
            address = 127.0.0.1
            port = {{PlainPort}}
          }
          inet_listener imaps {
            address = 127.0.0.1
            port = {{TlsPort}}
            ssl = yes
          }
        }
        """;

    private string WriteCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=dovecot.test.invalid", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(30));
        File.WriteAllText(Path.Combine(_root, "cert.pem"), cert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_root, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return Convert.ToHexString(SHA256.HashData(cert.RawData));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A short tool (chown) with stdin closed and a time limit.</summary>
    private static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true })!;
        p.StandardInput.Close();
        var err = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish within 60 s");
        }
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {err.GetAwaiter().GetResult()}");
    }
}

/// <summary>Messages as a server holds them, for seeding.</summary>
internal static class Rfc822
{
    public static string Message(string from, string to, DateTimeOffset date, string id, string subject = "hello", string? extraHeaders = null, string body = "body\n")
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"From: {from}\nTo: {to}\nSubject: {subject}\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {MimeKit.Utils.DateUtils.FormatDate(date)}\n")
            .Append(CultureInfo.InvariantCulture, $"Message-ID: <{id}>\n");
        if (extraHeaders is not null)
            text.Append(extraHeaders.TrimEnd('\n')).Append('\n');
        return text.Append('\n').Append(body).ToString();
    }
}
