using System.Diagnostics;
using InboxNetworking.Tests.Graph;
using InboxNetworking.Tests.Storage;
using InboxNetworking.Tests.TestData;

namespace InboxNetworking.Tests.Worker;

/// <summary>Two `inboxnet run` workers on one PostgreSQL store form a Quartz cluster: the account is tracked while
/// both run, and when one is killed the other takes over its place in the cluster and goes on tracking, reading the
/// credential the first one's machine stored through the key ring they share in the database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Owner = "ann@corp.example";
    private readonly TempDirectory _dir = new();
    private readonly GraphTestServer _graph = new();
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await postgres.NewDatabaseAsync();

    public async Task DisposeAsync()
    {
        await _graph.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task TwoWorkers_OneSchedule_TheSurvivorTakesOverWhenOneIsKilled()
    {
        _graph.Folder(Owner, "inbox", "Inbox");
        _graph.Folder(Owner, "sentitems", "Sent Items");
        for (var i = 0; i < 6; i++)
            _graph.Put(Owner, "inbox", GraphMail.Message($"in-{i}", $"p{i % 2}@partner.example", [Owner], $"Plan {i}", new DateTimeOffset(2025, 9, 1, 9 + i, 0, 0, TimeSpan.Zero)));
        var first = Node("a");
        var connect = await first.RunWithInput(_graph.Secret, CancellationToken.None,
            "connect", "graph", "--account", "ann", "--sign-in", "app-secret", "--tenant", GraphTestServer.Tenant, "--client-id", GraphTestServer.ClientId,
            "--user", Owner, "--client-secret-stdin", "--endpoint", _graph.Endpoint, "--authority", _graph.Authority);
        Assert.True(connect.Code == 0, connect.Err);
        // The second machine shares only the settings: the key ring that protects the account's credential is in the
        // database, not in the first machine's data directory.
        var second = Node("b");
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM key_ring"));
        Assert.Empty(Directory.Exists(Path.Combine(first.DataDir, "keys")) ? Directory.GetFiles(Path.Combine(first.DataDir, "keys")) : []);

        using var a = ChildProcess.StartInboxNet(first.DataDir, "run");
        await UntilAsync(async () => await MessagesAsync() == 6, a);
        using var b = ChildProcess.StartInboxNet(second.DataDir, "run");
        await UntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM qrtz_scheduler_state") == 2, b);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM qrtz_job_details WHERE job_name = 'ann'")); // one schedule, not one per node

        a.Kill();
        await a.WaitAsync(TimeSpan.FromSeconds(30));
        _graph.Put(Owner, "inbox", GraphMail.Message("in-after", "p1@partner.example", [Owner], "After", new DateTimeOffset(2025, 9, 2, 9, 0, 0, TimeSpan.Zero)));
        await UntilAsync(async () => await MessagesAsync() == 7, b);
        // The survivor noticed the silent node and recovered its place: one node left in the cluster.
        await UntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM qrtz_scheduler_state") == 1, b);

        await b.TerminateAsync();
        Assert.True(await b.WaitAsync(TimeSpan.FromSeconds(30)) == 0, b.Error);
    }

    private CliRunner Node(string name)
    {
        var cli = new CliRunner(_dir.File(name));
        Directory.CreateDirectory(cli.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var settings = Path.Combine(cli.DataDir, "appsettings.json");
        File.WriteAllText(settings, $$"""
            { "InboxNet": {
                "Store": { "Provider": "postgres", "ConnectionString": "{{_connectionString}}" },
                "Graph": { "MaxRetries": 1, "RetryDelay": "00:00:00.050", "RequestTimeout": "00:00:10" },
                "Worker": { "SyncInterval": "00:00:01", "AccountScanInterval": "00:00:01", "ClusterCheckinInterval": "00:00:01" } } }
            """);
        File.SetUnixFileMode(settings, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return cli;
    }

    private Task<long> MessagesAsync() => CountAsync("SELECT COUNT(*) FROM messages");

    private async Task<long> CountAsync(string sql)
    {
        await using var c = new Npgsql.NpgsqlConnection(_connectionString);
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, ChildProcess worker)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.False(worker.HasExited, "the worker ended: " + worker.Error);
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "not within 2 minutes; the worker said: " + worker.Error);
            await Task.Delay(200);
        }
    }
}
