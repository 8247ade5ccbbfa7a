using System.Globalization;
using System.Text;

namespace InboxNetworking.Tests.Imap;

/// <summary>`inboxnet connect imap` against a real Dovecot: TLS pinning, wrong passwords, what is stored.</summary>
[Collection(DovecotCollection.Name)]
public sealed class ConnectTests(DovecotServer server) : ImapTestBase(server)
{
    [Fact]
    public async Task Connect_SelfSignedTls_RefusedByDefault_AcceptedWithItsPinnedFingerprint()
    {
        var (user, password) = Server.NewUser();
        var cli = Cli();
        string[] tls = ["connect", "imap", "--account", "me", "--host", "127.0.0.1", "--port", Server.TlsPort.ToString(CultureInfo.InvariantCulture), "--user", user, "--password-stdin"];

        var refused = await cli.RunWithInput(password, CancellationToken.None, tls);
        Assert.Equal(2, refused.Code);
        Assert.Contains("TLS: the certificate of 127.0.0.1", refused.Err, StringComparison.Ordinal);
        Assert.Contains("--accept-certificate " + Server.CertificateSha256, refused.Err, StringComparison.Ordinal);
        Assert.Contains("No accounts yet", (await cli.Run("accounts")).Out, StringComparison.Ordinal);

        var wrongPin = await cli.RunWithInput(password, CancellationToken.None, [.. tls, "--accept-certificate", new string('A', 64)]);
        Assert.Equal(2, wrongPin.Code);

        var pinned = await cli.RunWithInput(password, CancellationToken.None, [.. tls, "--accept-certificate", Server.CertificateSha256.ToLowerInvariant()]);
        Assert.True(pinned.Code == 0, pinned.Err);
        Assert.Contains("ssl", pinned.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_TracksInboxSentArchive_NeverJunkTrashDrafts_AndTheLoginIsAnOwner()
    {
        var (user, password) = Server.NewUser();
        var cli = Cli();
        var (code, output, err) = await ConnectAsync(cli, "me", user, password);
        Assert.True(code == 0, err);
        Assert.Contains("INBOX (inbox)", output, StringComparison.Ordinal);
        Assert.Contains("Sent (sent)", output, StringComparison.Ordinal);
        Assert.Contains("Archive (archive)", output, StringComparison.Ordinal);
        foreach (var never in new[] { "Junk", "Trash", "Drafts" })
            Assert.DoesNotContain(never, output, StringComparison.Ordinal);
        Assert.Contains($"Owner addresses: {user}", output, StringComparison.Ordinal);

        var accounts = (await cli.Run("accounts")).Out;
        Assert.Contains($"me: imap {user} at 127.0.0.1; state: ok", accounts, StringComparison.Ordinal);
        Assert.Contains("folders: INBOX, ", accounts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WrongPassword_OneClearLine_NothingStored()
    {
        var (user, _) = Server.NewUser();
        var cli = Cli();
        var (code, _, err) = await ConnectAsync(cli, "me", user, "not-the-password");
        Assert.Equal(2, code);
        Assert.Contains("could not connect, nothing stored: login:", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        Assert.DoesNotContain("not-the-password", err, StringComparison.Ordinal);
        Assert.Contains("No accounts yet", (await cli.Run("accounts")).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", "1", "refused: nothing accepts connections on 127.0.0.1:1")]
    [InlineData("no-such-host.invalid", "993", "DNS: host 'no-such-host.invalid' not found")]
    public async Task Connect_UnreachableServer_SaysWhichStepFailed(string host, string port, string expected)
    {
        var cli = Cli();
        var (code, _, err) = await cli.RunWithInput("pw", CancellationToken.None,
            "connect", "imap", "--account", "me", "--host", host, "--port", port, "--user", "me@corp.example", "--password-stdin");
        Assert.Equal(2, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_TlsModeAgainstPlainPort_SaysCheckSecurity()
    {
        var (user, password) = Server.NewUser();
        var (code, _, err) = await Cli().RunWithInput(password, CancellationToken.None,
            "connect", "imap", "--account", "me", "--host", "127.0.0.1", "--port", Server.PlainPort.ToString(CultureInfo.InvariantCulture), "--user", user, "--password-stdin", "--security", "ssl");
        Assert.Equal(2, code);
        Assert.Contains("--security", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_PlainTextToAnotherHost_RefusedUnlessAllowInsecure()
    {
        var (code, _, err) = await Cli().RunWithInput("pw", CancellationToken.None,
            "connect", "imap", "--account", "me", "--host", "imap.example.com", "--user", "me@corp.example", "--password-stdin", "--security", "none");
        Assert.Equal(2, code);
        Assert.Contains("--allow-insecure", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredCredential_HoldsNoPlaintextPassword_AndTheDataDirectoryIsOwnerOnly()
    {
        var (user, password) = Server.NewUser();
        Server.Seed(user, "INBOX", Messages(3, "ann@x.example", user, "cred", Now.AddDays(-20)));
        var cli = await ConnectedAsync("me", user, password);
        await SyncAsync(cli, "me");
        var files = Directory.EnumerateFiles(cli.DataDir, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("inboxnet.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("/keys/", StringComparison.Ordinal));
        var secret = Encoding.UTF8.GetBytes(password);
        foreach (var file in files)
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(secret) < 0, $"{file} holds the password in plain text");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file) & ~UnixFileMode.UserExecute);
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(cli.DataDir));
    }

    [Fact]
    public async Task ConnectAgain_UpdatesTheCredential_KeepsDataAndCheckpoints()
    {
        var (user, password) = Server.NewUser();
        Server.Seed(user, "INBOX", Messages(5, "ann@x.example", user, "again", Now.AddDays(-20)));
        var cli = await ConnectedAsync("me", user, password);
        await SyncAsync(cli, "me");
        Server.ChangePassword(user, "new-password");
        var (code, _, err) = await ConnectAsync(cli, "me", user, "new-password");
        Assert.True(code == 0, err);
        Assert.Equal(5, await MessagesAsync(cli, "me"));
        Assert.Contains("0 messages added, 0 duplicates", await SyncAsync(cli, "me"), StringComparison.Ordinal);
    }
}
