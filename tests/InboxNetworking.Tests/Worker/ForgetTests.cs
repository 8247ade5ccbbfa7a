using System.Globalization;
using System.Text;
using InboxNetworking.Tests.Imap;
using InboxNetworking.Tests.TestData;

namespace InboxNetworking.Tests.Worker;

/// <summary>`inboxnet forget`: an account erased from the store (rows and bytes) and from the reports folder.</summary>
public sealed class ForgetTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Mailbox(string name, string person)
    {
        var text = new StringBuilder();
        var start = new DateTimeOffset(2025, 9, 1, 9, 0, 0, TimeSpan.Zero);
        for (var k = 0; k < 20; k++)
        {
            var (from, to) = k % 2 == 0 ? ("me@corp.example", person) : (person, "me@corp.example");
            text.Append("From x@x Mon Jan  6 10:00:00 2025\n")
                .Append(Rfc822.Message(from, to, start.AddDays(3 * k), string.Create(CultureInfo.InvariantCulture, $"{name}{k}@forget"), subject: "Project Nightingale " + name)).Append('\n');
        }
        var path = _dir.File(name + ".mbox");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task ForgetAddress_ErasesOnePersonFromTheAccount_RowsBytesAndWrittenReports_TheOthersStay()
    {
        var cli = new CliRunner(_dir.File("data"));
        const string Secret = "private.person@erased.example";
        const string Kept = "colleague@kept.example";
        foreach (var (file, person) in new[] { ("a", Secret), ("b", Kept) })
        {
            var (code, _, err) = await cli.Run("import", Mailbox(file, person), "--account", "me", "--owner", "me@corp.example", "--time-zone", "UTC");
            Assert.True(code == 0, err);
        }
        // Three messages to both: the colleague stays in them, the erased person leaves their Cc.
        var shared = new StringBuilder();
        for (var k = 0; k < 3; k++)
        {
            shared.Append("From x@x Mon Jan  6 10:00:00 2025\n").Append(Rfc822.Message("me@corp.example", Kept,
                new DateTimeOffset(2025, 10, 2 + k, 9, 0, 0, TimeSpan.Zero), $"shared{k}@forget", extraHeaders: $"Cc: {Secret}\n")).Append('\n');
        }
        File.WriteAllText(_dir.File("shared.mbox"), shared.ToString());
        Assert.Equal(0, (await cli.Run("import", _dir.File("shared.mbox"), "--account", "me")).Code);
        Assert.Equal(0, (await cli.Run("deliver", "--account", "me", "--month", "2025-10")).Code);
        var before = await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM messages");

        var refused = await cli.Run("forget", "--account", "me", "--address", Secret);
        Assert.Equal(2, refused.Code);
        Assert.Contains("add --yes", refused.Err, StringComparison.Ordinal);
        var (exit, output, error) = await cli.Run("forget", "--account", "me", "--address", Secret, "--yes");
        Assert.True(exit == 0, error);
        Assert.Contains($"me: erased {Secret}", output, StringComparison.Ordinal);
        Assert.Contains("1 written report rewritten without them", output, StringComparison.Ordinal);

        // Their ten messages are gone; the colleague's and the shared ones stay, without the erased Cc.
        Assert.Equal(before - 10, await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM messages"));
        Assert.Equal(3, await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM messages WHERE message_key LIKE 'shared%'"));
        foreach (var file in Directory.GetFiles(cli.DataDir, "inboxnet.db*"))
            Assert.False(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)).Contains(Secret, StringComparison.Ordinal), file + " holds the erased address");
        foreach (var file in Directory.GetFiles(Path.Combine(cli.DataDir, "reports", "me")))
            Assert.DoesNotContain(Secret, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        var report = await cli.Run("report", "--account", "me", "--month", "2025-10", "--format", "csv");
        Assert.Contains(Kept, report.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, report.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await cli.Run("forget", "--account", "me", "--address", "me@corp.example", "--yes")).Code);
    }

    [Fact]
    public async Task Forget_ErasesEveryRowAndByteOfTheAccount_AndItsReportFiles_AndLeavesTheOthers()
    {
        var cli = new CliRunner(_dir.File("data"));
        const string Secret = "unforgettable.person@erased.example";
        foreach (var (account, person) in new[] { ("gone", Secret), ("kept", "someone.else@kept.example") })
        {
            var (code, _, err) = await cli.Run("import", Mailbox(account, person), "--account", account, "--owner", "me@corp.example", "--time-zone", "UTC");
            Assert.True(code == 0, err);
            var delivered = await cli.Run("deliver", "--account", account, "--month", "2025-10");
            Assert.True(delivered.Code == 0, delivered.Err);
        }
        var id = await StoreFile.CountAsync(cli.DataDir, "SELECT id FROM accounts WHERE name = 'gone'");
        Assert.True(Directory.Exists(Path.Combine(cli.DataDir, "reports", "gone")));

        var refused = await cli.Run("forget", "--account", "gone");
        Assert.Equal(2, refused.Code);
        Assert.Contains("add --yes", refused.Err, StringComparison.Ordinal);
        Assert.Equal(1, await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM accounts WHERE name = 'gone'"));

        var (exit, output, error) = await cli.Run("forget", "--account", "gone", "--yes");
        Assert.True(exit == 0, error);
        Assert.Contains("gone: erased", output, StringComparison.Ordinal);

        // No table holds a row of it: every table with an account column is asked, so a new table cannot be missed.
        var tables = new List<string>();
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(cli.DataDir, "inboxnet.db")};Pooling=False"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'account_id'";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
                tables.Add(r.GetString(0));
        }
        Assert.Contains("messages", tables);
        Assert.Contains("scoring_models", tables);
        foreach (var table in tables)
            Assert.Equal(0, await StoreFile.CountAsync(cli.DataDir, $"SELECT COUNT(*) FROM {table} WHERE account_id = {id}"));
        Assert.Equal(0, await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM accounts WHERE name = 'gone'"));
        // Nor any byte of the store's files: the freed pages were overwritten, the write-ahead log emptied.
        foreach (var file in Directory.GetFiles(cli.DataDir, "inboxnet.db*"))
            Assert.DoesNotContain(Secret, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cli.DataDir, "reports", "gone")));

        var kept = await cli.Run("report", "--account", "kept", "--month", "2025-10", "--format", "json");
        Assert.True(kept.Code == 0, kept.Err);
        Assert.Contains("someone.else@kept.example", kept.Out, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(cli.DataDir, "reports", "kept")));
        Assert.Equal(2, (await cli.Run("forget", "--account", "gone", "--yes")).Code); // no such account any more
    }
}
