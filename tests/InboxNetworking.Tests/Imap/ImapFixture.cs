using System.Globalization;
using System.Text.Json;
using InboxNetworking.Tests.TestData;
using InboxNetworking.Tests.Worker;

namespace InboxNetworking.Tests.Imap;

/// <summary>Every IMAP test shares one Dovecot and runs one at a time (some restart it).</summary>
[CollectionDefinition(Name)]
public sealed class DovecotCollection : ICollectionFixture<DovecotServer>
{
    public const string Name = "dovecot";
}

/// <summary>What the IMAP tests share: a data directory, the CLI on a real-speed clock, connect and status.</summary>
public abstract class ImapTestBase(DovecotServer server) : IDisposable
{
    protected static readonly DateTimeOffset Now = new(2025, 12, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();

    protected DovecotServer Server => server;

    internal TempDirectory Dir => _dir;

    protected static TimeSpan Timeout => TimeSpan.FromMinutes(3);

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The CLI on its own data directory, with IMAP timeouts and retries short enough for tests
    /// (PLATFORM.md: MailKit's default command timeout is 120 s) yet spanning a server restart.</summary>
    internal CliRunner Cli(string data = "data", TimeProvider? time = null)
    {
        var cli = new CliRunner(_dir.File(data), time ?? new ShiftedTime(Now));
        WriteSettings(cli);
        return cli;
    }

    /// <summary>The data directory's settings file: the short IMAP limits, plus <paramref name="worker"/> and
    /// <paramref name="imap"/> (JSON members).</summary>
    internal static void WriteSettings(CliRunner cli, string worker = "", string imap = "")
    {
        // Owner-only, as the product keeps it: a looser one would be tightened, and the command would say so.
        Directory.CreateDirectory(cli.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(cli.DataDir, "appsettings.json");
        File.WriteAllText(path, $$"""
            { "InboxNet": {
                "Imap": { "CommandTimeout": "00:00:10", "MaxRetries": 4, "RetryDelay": "00:00:00.500"{{(imap.Length > 0 ? ", " + imap : "")}} },
                "Worker": { {{worker}} } } }
            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    internal async Task<(int Code, string Out, string Err)> ConnectAsync(CliRunner cli, string account, string user, string password, params string[] extra) =>
        await cli.RunWithInput(password, CancellationToken.None,
        [
            "connect", "imap", "--account", account, "--host", "127.0.0.1", "--port", server.PlainPort.ToString(CultureInfo.InvariantCulture),
            "--user", user, "--password-stdin", "--security", "none", "--time-zone", "Europe/London", .. extra,
        ]);

    /// <summary>Connected through <paramref name="link"/> (a <see cref="CuttingProxy"/>) instead of straight to Dovecot.</summary>
    internal async Task<CliRunner> ConnectedThroughAsync(CuttingProxy link, string account, string user, string password)
    {
        var cli = Cli();
        var (code, _, err) = await cli.RunWithInput(password, CancellationToken.None,
            "connect", "imap", "--account", account, "--host", "127.0.0.1", "--port", link.Port.ToString(CultureInfo.InvariantCulture),
            "--user", user, "--password-stdin", "--security", "none", "--time-zone", "Europe/London");
        Assert.True(code == 0, err);
        return cli;
    }

    internal async Task<CliRunner> ConnectedAsync(string account, string user, string password, string data = "data", TimeProvider? time = null)
    {
        var cli = Cli(data, time);
        var (code, _, err) = await ConnectAsync(cli, account, user, password);
        Assert.True(code == 0, err);
        return cli;
    }

    internal static async Task<JsonElement> StatusAsync(CliRunner cli, string account)
    {
        var (code, output, err) = await cli.Run("status", "--account", account, "--json");
        Assert.True(code == 0, err);
        return JsonDocument.Parse(output).RootElement[0].Clone();
    }

    internal static async Task<long> MessagesAsync(CliRunner cli, string account) => (await StatusAsync(cli, account)).GetProperty("messages").GetInt64();

    internal static async Task<string> SyncAsync(CliRunner cli, string account)
    {
        var (code, output, err) = await cli.Run("sync", "--account", account);
        Assert.True(code == 0, $"sync failed ({code}): {output} {err}");
        return output;
    }

    protected static IEnumerable<string> Messages(int count, string from, string to, string idPrefix, DateTimeOffset start) =>
        Enumerable.Range(0, count).Select(i => Rfc822.Message(from, to, start.AddHours(i), $"{idPrefix}{i}@test"));
}
