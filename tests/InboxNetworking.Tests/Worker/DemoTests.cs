using System.Text.Json;
using InboxNetworking.Tests.TestData;
using Microsoft.Extensions.Time.Testing;

namespace InboxNetworking.Tests.Worker;

/// <summary>`inboxnet demo`: the synthetic mailbox through the real pipeline, and the stories the report must tell.</summary>
public sealed class DemoTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Demo_WritesLastMonthsReportInEveryFormat_AndTheStoriesShow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 15, 12, 0, 0, TimeSpan.Zero));
        var cli = new CliRunner(Path.Combine(_dir.Path, "data"), clock);
        var outDir = _dir.File("demo");
        var (code, output, error) = await cli.Run("demo", "--out", outDir);
        Assert.True(code == 0, error);
        var files = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["report-2025-11.html", "report-2025-11.md", "report-2025-11.json", "report-2025-11.csv"], files.Select(Path.GetFileName));
        Assert.All(files, f => Assert.True(File.Exists(f)));
        Assert.True(File.Exists(Path.Combine(outDir, "mailbox", "Inbox.mbox")));

        var report = JsonDocument.Parse(File.ReadAllText(files[2])).RootElement;
        Assert.Equal("2025-11", report.GetProperty("month").GetString());
        Assert.Equal(12, report.GetProperty("depth").GetProperty("trend").GetArrayLength());
        Assert.Equal(5, report.GetProperty("depth").GetProperty("core").GetInt32());
        Assert.True(report.GetProperty("depth").GetProperty("dormant").GetInt32() >= 3, "the cooling ties are dormant");
        // Owed: threads that end on a close contact's message to the owner, 2 to 30 days old at the month's end
        // (issue 19: replies count too, not only thread starts, which were 2 here).
        var owed = report.GetProperty("owedReplies").EnumerateArray().ToList();
        Assert.True(owed.Count > 2, $"{owed.Count} owed");
        var close = report.GetProperty("contacts").EnumerateArray().Where(c => c.GetProperty("tier").GetString() is "core" or "strong")
            .Select(c => c.GetProperty("address").GetString()).ToHashSet();
        Assert.All(owed, o =>
        {
            Assert.Contains(o.GetProperty("address").GetString(), close);
            Assert.InRange(o.GetProperty("daysWaiting").GetDouble(), 2, 30);
        });
        Assert.True(report.GetProperty("engagement").GetProperty("value").GetDouble() >= 2, "the list and the team sync");

        var status = JsonDocument.Parse((await cli.Run("status", "--json")).Out).RootElement[0];
        Assert.True(status.GetProperty("contacts").GetInt64() >= 60, "60+ contacts");
        Assert.Equal(0, status.GetProperty("quarantined").GetInt64());

        // Introductions, conversions and cold inbound happen across the year: look at every month.
        var months = new List<JsonElement>();
        foreach (var m in Enumerable.Range(3, 11).Select(i => new DateTime(2024, 10, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
            months.Add(JsonDocument.Parse((await cli.Run("report", "--account", "demo", "--month", m, "--format", "json")).Out).RootElement);
        Assert.Equal(4, months.Sum(r => r.GetProperty("newContacts").GetProperty("introduced").GetInt32()));
        Assert.True(months.Sum(r => r.GetProperty("newContacts").GetProperty("contactInitiated").GetInt32()) >= 8);
        Assert.True(months.Sum(r => r.GetProperty("conversion").GetProperty("value").GetDouble()) >= 6, "the converting contacts met");
    }

    [Fact]
    public async Task Demo_InRussian_WritesTheSameFields_WithTheWordsInRussian_AndAnUnknownLanguageIsOneLine()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 15, 12, 0, 0, TimeSpan.Zero));
        var cli = new CliRunner(Path.Combine(_dir.Path, "data"), clock);
        var unknown = await cli.Run("demo", "--out", _dir.File("de"), "--lang", "de");
        Assert.Equal(2, unknown.Code);
        Assert.EndsWith("inboxnet: --lang 'de' is not supported: use one of en, ru", unknown.Err.Trim(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.File("de"), "mailbox")), "nothing is done before the language is known");

        var (code, output, error) = await cli.Run("demo", "--out", _dir.File("ru"), "--lang", "ru");
        Assert.True(code == 0, error);
        var files = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var json = JsonDocument.Parse(File.ReadAllText(files[2])).RootElement;
        var english = JsonDocument.Parse((await cli.Run("report", "--account", "demo", "--month", "2025-11", "--format", "json")).Out).RootElement;
        // The contract is the same: every field name, every figure; only the words differ.
        Assert.Equal(english.EnumerateObject().Select(p => p.Name), json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(english.GetProperty("depth").GetRawText(), json.GetProperty("depth").GetRawText());
        Assert.All(json.GetProperty("actions").EnumerateArray(), a => Assert.Matches("[А-Яа-я]", a.GetProperty("text").GetString()!));
        Assert.All(json.GetProperty("contacts").EnumerateArray().SelectMany(c => c.GetProperty("reasons").EnumerateArray()), r => Assert.Matches("^[^A-Za-z]*[а-я]", r.GetString()!));
        var html = File.ReadAllText(files[0]);
        Assert.Contains("<html lang=\"ru\">", html, StringComparison.Ordinal);
        Assert.Contains("Ваш нетворкинг: ноябрь 2025", html, StringComparison.Ordinal);
        // What a person reads holds no English outside names and addresses (and the measures' own names).
        var names = NamesAndAddresses(json);
        Assert.Empty(Untranslated.EnglishWords(File.ReadAllText(files[1]).Replace("\\", "", StringComparison.Ordinal), names));
        Assert.Empty(Untranslated.EnglishWords(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).Body!.TextContent, names));

        var eml = (await cli.Run("report", "--account", "demo", "--month", "2025-11", "--format", "eml", "--lang", "ru")).Out;
        var message = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(eml)));
        Assert.Equal("Ваш отчёт о нетворкинге за ноябрь 2025: demo", message.Subject);
    }

    private static List<string> NamesAndAddresses(JsonElement report)
    {
        IEnumerable<string?> Fields(string array, params string[] fields) =>
            report.GetProperty(array).EnumerateArray().SelectMany(x => fields.Select(f => x.TryGetProperty(f, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null));
        return [.. new[] { report.GetProperty("account").GetString(), report.GetProperty("timeZone").GetString() }
            .Concat(Fields("contacts", "address", "name")).Concat(Fields("goingCold", "address", "name")).Concat(Fields("owedReplies", "address", "name"))
            .Concat(Fields("actions", "address", "name"))
            .Concat(report.GetProperty("newContacts").GetProperty("introductions").EnumerateArray().SelectMany(i => new[] { i.GetProperty("contact").GetString(), i.GetProperty("introducer").GetString() }))
            .OfType<string>().Where(n => n.Length > 0).Distinct().OrderByDescending(n => n.Length)];
    }

    [Fact]
    public async Task Demo_KeepsToItsOwnSqliteStore_EvenWhenTheSettingsNamePostgres()
    {
        var cli = new CliRunner(Path.Combine(_dir.Path, "pg-data"), new FakeTimeProvider(new DateTimeOffset(2025, 12, 15, 12, 0, 0, TimeSpan.Zero)));
        Directory.CreateDirectory(cli.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var settings = Path.Combine(cli.DataDir, "appsettings.json");
        File.WriteAllText(settings, """{ "InboxNet": { "Store": { "Provider": "postgres", "ConnectionString": "Host=127.0.0.1;Port=1;Username=x;Database=org;Timeout=2" } } }""");
        File.SetUnixFileMode(settings, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (code, _, error) = await cli.Run("demo", "--out", _dir.File("demo-pg"));

        Assert.True(code == 0, error);
        Assert.True(File.Exists(Path.Combine(cli.DataDir, "inboxnet.db")));
        Assert.Contains("InboxNet:Store", (await cli.Run("status")).Err, StringComparison.Ordinal); // other commands do use the organisation's store
    }

    [Fact]
    public async Task Demo_RunsAsTheRealBinary()
    {
        using var process = ChildProcess.StartInboxNet(_dir.File("data"), "demo", "--out", _dir.File("demo"));
        Assert.True(await process.WaitAsync(TimeSpan.FromMinutes(2)) == 0, process.Error);
        Assert.Equal(4, process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(File.Exists));
        Assert.Contains("Imported:", process.Error, StringComparison.Ordinal);
    }
}
