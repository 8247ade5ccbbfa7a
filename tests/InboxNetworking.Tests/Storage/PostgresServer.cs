using System.Globalization;
using System.Net;
using System.Net.Sockets;
using InboxNetworking.Core.Ports;
using InboxNetworking.Storage;
using InboxNetworking.Tests.TestData;
using Npgsql;

namespace InboxNetworking.Tests.Storage;

/// <summary>A real PostgreSQL cluster for the test run, on a free loopback port, in a temp folder (PLATFORM.md: initdb
/// refuses root, so as root it runs as the postgres user; fsync off, test clusters only). Each test takes a fresh
/// database of its own.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "inboxnet-pg", Guid.NewGuid().ToString("N")[..12]);
    private static readonly bool IsRoot = Environment.UserName == "root";
    private int _databases;

    public int Port { get; private set; }

    private string DataPath => Path.Combine(_root, "data");

    private static string Bin(string tool) =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", tool)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"PostgreSQL's {tool} is not installed: apt-get install postgresql (tests/run-tests.sh does)");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        if (IsRoot)
        {
            File.SetUnixFileMode(Path.GetDirectoryName(_root)!, (UnixFileMode)0b111_101_101);
            await RunAsync("chown", "postgres:postgres", _root);
        }
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await RunAsync(Bin("initdb"), "-D", DataPath, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        // The server's own output goes to a log file: pg_ctl returns once it accepts connections.
        await RunAsync(Bin("pg_ctl"), "-D", DataPath, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
    }

    /// <summary>A new, empty database and the connection string to it.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"inboxnet_{Interlocked.Increment(ref _databases)}";
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database};Timeout=10;Command Timeout=60";

    public async Task DisposeAsync()
    {
        await RunAsync(Bin("pg_ctl"), "-D", DataPath, "-m", "immediate", "-w", "-t", "30", "stop");
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held: the temp folder is cleaned by the machine
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = IsRoot && file != "chown"
            ? ChildProcess.Start("runuser", ["-u", "postgres", "--", file, .. args])
            : ChildProcess.Start(file, args);
        var code = await process.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(code == 0, $"{file} {string.Join(' ', args)} failed ({code}): {process.Output}\n{process.Error}");
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}

/// <summary>The PostgreSQL store under the same contract as SQLite's, on a database of its own per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : StoreContractTests, IAsyncLifetime
{
    private PostgresInboxStore? _postgres;

    protected override IInboxStore Store => _postgres!;

    public async Task InitializeAsync() => _postgres = PostgresInboxStore.Open(await server.NewDatabaseAsync(), Time);

    public Task DisposeAsync()
    {
        _postgres?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void Open_AnUnreachableServer_OneLineThatSaysWhere()
    {
        var e = Assert.Throws<StoreException>(() => PostgresInboxStore.Open("Host=127.0.0.1;Port=1;Username=x;Database=y;Timeout=3", Time));
        Assert.Contains("the store in PostgreSQL at 127.0.0.1:1, database 'y' cannot be reached", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>`inboxnet` on PostgreSQL, chosen by the data directory's settings: the main path end to end.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCliTests(PostgresServer server) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ImportAnalyzeReportExcludeForget_OnPostgres_NoSqliteFileAtAll()
    {
        var cli = new Worker.CliRunner(_dir.File("data"));
        Directory.CreateDirectory(cli.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var settings = Path.Combine(cli.DataDir, "appsettings.json");
        File.WriteAllText(settings, $$"""
            { "InboxNet": { "Store": { "Provider": "postgres", "ConnectionString": "{{await server.NewDatabaseAsync()}}" } } }
            """);
        File.SetUnixFileMode(settings, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var mbox = _dir.File("mail.mbox");
        File.WriteAllText(mbox, string.Concat(Enumerable.Range(0, 12).Select(k => "From x@x Mon Jan  6 10:00:00 2025\n" + Imap.Rfc822.Message(
            k % 2 == 0 ? "me@corp.example" : $"p{k % 3}@x.example", k % 2 == 0 ? $"p{k % 3}@x.example" : "me@corp.example",
            new DateTimeOffset(2025, 10, 1 + k, 9, 0, 0, TimeSpan.Zero), $"pg{k}@test") + "\n")));

        var import = await cli.Run("import", mbox, "--account", "me", "--owner", "me@corp.example");
        Assert.True(import.Code == 0, import.Err);
        Assert.Contains("12 messages added", import.Out, StringComparison.Ordinal);
        File.Copy(mbox, _dir.File("copy.mbox"));
        Assert.Contains("0 messages added, 12 duplicates", (await cli.Run("import", _dir.File("copy.mbox"), "--account", "me")).Out, StringComparison.Ordinal);
        var report = await cli.Run("report", "--account", "me", "--month", "2025-10", "--format", "csv");
        Assert.True(report.Code == 0, report.Err);
        Assert.Contains("p1@x.example", report.Out, StringComparison.Ordinal);

        var excluded = await cli.Run("exclude", "--account", "me", "p1@x.example");
        Assert.True(excluded.Code == 0, excluded.Err);
        Assert.DoesNotContain("p1@x.example", (await cli.Run("report", "--account", "me", "--month", "2025-10", "--format", "csv")).Out, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.Run("forget", "--account", "me", "--yes")).Code);
        Assert.Contains("No accounts yet", (await cli.Run("accounts")).Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.DataDir, "inboxnet.db")), "the SQLite store was created although PostgreSQL was chosen");
    }
}
