using System.Globalization;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Graph;
using InboxNetworking.Storage;
using InboxNetworking.Tests.Graph;

namespace InboxNetworking.Benchmarks;

/// <summary>First sync of an N-message Graph mailbox from the tests' local Graph server (its wire format: delta
/// pages of 500 with nextLink/deltaLink), against a bare Graph SDK loop paging the same delta with the same
/// $select and page size and doing nothing with the messages; then a no-change sync.</summary>
/// <remarks>The server runs in this process, so both runs pay for its JSON: the ratio is about our reading and
/// the store, not the network.</remarks>
internal static class GraphBenchmark
{
    private const string Owner = "ann@corp.example";

    public static async Task<string> RunAsync(int count)
    {
        await using var server = new GraphTestServer();
        var inbox = server.Folder(Owner, "inbox", "Inbox");
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            server.Put(Owner, "inbox", GraphMail.Message($"bench{i}", $"p{i % 900}@x{i % 60}.example", [Owner, $"team{i % 7}@corp.example"],
                $"Re: project {i % 4000}", start.AddMinutes(i * 3), inReplyTo: $"<bench{Math.Max(0, i - 1)}@corp.example>"));
        }
        Console.WriteLine($"graph: {count} messages in the local Graph server on 127.0.0.1:{server.Port}");

        var time = TimeProvider.System;
        var options = new GraphOptions();
        var connector = new GraphConnector(options, time);
        var settings = new GraphSettings
        {
            Mailbox = Owner, TenantId = GraphTestServer.Tenant, ClientId = GraphTestServer.ClientId, SignIn = GraphSignIn.AppSecret,
            Endpoint = server.Endpoint, Authority = server.Authority, Folders = [new GraphFolder(inbox, "Inbox", "inbox")],
        };

        async Task<int> BareAsync()
        {
            using var session = connector.Open(settings, server.Secret);
            var delta = session.Client.Users[Owner].MailFolders[inbox].Messages.Delta;
            var page = await delta.GetAsDeltaGetResponseAsync(r =>
            {
                r.QueryParameters.Select = GraphMessageReader.Select;
                r.Headers.Add("Prefer", $"odata.maxpagesize={options.PageSize}");
            });
            var n = page?.Value?.Count ?? 0;
            while (page?.OdataNextLink is { } next)
            {
                page = await delta.WithUrl(next).GetAsDeltaGetResponseAsync(r => r.Headers.Add("Prefer", $"odata.maxpagesize={options.PageSize}"));
                n += page?.Value?.Count ?? 0;
            }
            return n;
        }

        await BareAsync(); // warm-up: JIT of the SDK and the server
        Measure.ResetPeak();
        var (bareTime, bareCount) = await Measure.TimeAsync(BareAsync);
        Console.WriteLine($"  baseline bare Graph SDK delta paging: {bareCount} in {bareTime.TotalSeconds:0.00} s");

        var work = Path.Combine(Path.GetTempPath(), "inboxnet-bench-graph-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        var store = SqliteInboxStore.Open(Path.Combine(work, "bench.db"), time);
        var account = await store.EnsureAccountAsync("bench", [Owner], "UTC", CancellationToken.None);
        async Task<IngestSummary> SyncAsync()
        {
            using var session = connector.Open(settings, server.Secret);
            var source = new GraphMailFolderSource(session, settings, settings.Folders[0], options);
            return await new Ingestor(store, time).IngestAsync(account, [source], null, CancellationToken.None, runKind: null);
        }
        Measure.ResetPeak();
        var cpu = Measure.Cpu();
        var (syncTime, summary) = await Measure.TimeAsync(SyncAsync);
        var syncCpu = Measure.Cpu() - cpu;
        var peak = Measure.PeakRssMiB();
        Console.WriteLine($"  inboxnet first sync: {summary} in {syncTime.TotalSeconds:0.00} s, " +
            string.Create(CultureInfo.InvariantCulture, $"{syncCpu.TotalMicroseconds / Math.Max(1, summary.MessagesAdded):0} µs of CPU per message (the server's included), peak {peak:0} MiB"));
        var (noChange, again) = await Measure.TimeAsync(SyncAsync);
        Console.WriteLine($"  inboxnet no-change sync (sign-in included): {noChange.TotalMilliseconds:0} ms, {again.MessagesAdded} added");
        Directory.Delete(work, recursive: true);

        var rate = summary.MessagesAdded / syncTime.TotalSeconds;
        var bareRate = bareCount / bareTime.TotalSeconds;
        return $"graph: first sync {rate:0} msg/s vs bare Graph SDK {bareRate:0} msg/s = {rate / bareRate:0.00}x; no-change sync {noChange.TotalMilliseconds:0} ms; peak RSS {peak:0} MiB";
    }
}
