using System.Text.Json;
using InboxNetworking.Tests.Files;
using InboxNetworking.Tests.TestData;

namespace InboxNetworking.Tests.Worker;

/// <summary>The `inboxnet` verbs, their summaries and their one-line errors.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly CliRunner _cli;

    public CliTests() => _cli = new CliRunner(Path.Combine(_dir.Path, "data"));

    public void Dispose() => _dir.Dispose();

    private string Mbox(string name, params string[] messages)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, string.Concat(messages.Select(m => "From x@x Mon Jan  6 10:00:00 2025\n" + m + "\n")));
        return path;
    }

    /// <summary>The user's own settings file in the data directory, layered over the shipped defaults.</summary>
    private void WriteSettings(string json)
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "data"));
        File.WriteAllText(Path.Combine(_dir.Path, "data", "appsettings.json"), json);
    }

    private string SmallMailbox() => Mbox("mail.mbox",
        FileSourcesTests.Eml("Ann <ann@x.example>", "me@corp.example", "1@x", date: "Mon, 3 Nov 2025 10:00:00 +0000"),
        FileSourcesTests.Eml("me@corp.example", "Ann <ann@x.example>", "2@x", date: "Mon, 3 Nov 2025 12:00:00 +0000", extra: "In-Reply-To: <1@x>\nReferences: <1@x>\n"),
        FileSourcesTests.Eml("bob@y.example", "me@corp.example", "3@x", date: "Tue, 4 Nov 2025 09:00:00 +0000"),
        "To: me@corp.example\nSubject: no sender\nDate: Tue, 4 Nov 2025 09:00:00 +0000\n\nx\n");

    [Fact]
    public async Task Import_ThenAgain_AddsNothingTheSecondTime()
    {
        var mbox = SmallMailbox();
        var first = await _cli.Run("import", mbox, "--account", "me", "--owner", "me@corp.example", "--time-zone", "Europe/Berlin");
        Assert.Equal(0, first.Code);
        Assert.Contains("3 messages added, 0 duplicates, 0 calendar changes, 1 quarantined", first.Out, StringComparison.Ordinal);
        var copy = _dir.File("copy.mbox");
        File.Copy(mbox, copy);
        var second = await _cli.Run("import", mbox, copy, "--account", "me");
        Assert.Equal(0, second.Code);
        Assert.Contains("0 messages added, 3 duplicates", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_ReportsCountsAndQuarantine()
    {
        await _cli.Run("import", SmallMailbox(), "--account", "me", "--owner", "me@corp.example");
        await _cli.Run("analyze");
        var (code, output, _) = await _cli.Run("status", "--account", "me", "--json");
        Assert.Equal(0, code);
        var status = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal("me", status.GetProperty("account").GetString());
        Assert.Equal(3, status.GetProperty("messages").GetInt64());
        Assert.Equal(2, status.GetProperty("contacts").GetInt64());
        Assert.Equal(1, status.GetProperty("quarantined").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("lastImport").ValueKind);
        var text = await _cli.Run("status");
        Assert.Contains("quarantined: ", text.Out, StringComparison.Ordinal);
        Assert.Contains("no From address", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WritesEachFormatForAMonthWithData()
    {
        await _cli.Run("import", SmallMailbox(), "--account", "me", "--owner", "me@corp.example");
        foreach (var format in (string[])["html", "md", "json", "csv"])
        {
            var file = _dir.File("report." + format);
            var (code, output, error) = await _cli.Run("report", "--account", "me", "--month", "2025-11", "--format", format, "--out", file);
            Assert.True(code == 0, error);
            Assert.Equal(file, output.Trim());
            Assert.True(new FileInfo(file).Length > 100);
        }
        var json = JsonDocument.Parse(File.ReadAllText(_dir.File("report.json"))).RootElement;
        Assert.Equal(3, json.GetProperty("totals").GetProperty("messages").GetInt32());
        Assert.Equal(2, json.GetProperty("totals").GetProperty("contacts").GetInt32());
    }

    [Theory]
    [InlineData("import|/nonexistent/export.mbox|--account|me|--owner|me@corp.example", "path not found")]
    [InlineData("import|MBOX|--account|me", "--owner")]
    [InlineData("import|MBOX|--account|me|--owner|me@corp.example|--time-zone|Mars/Olympus", "unknown time zone")]
    [InlineData("report|--account|ghost|--month|2025-11|--format|html", "unknown account 'ghost'")]
    [InlineData("analyze|--account|ghost", "unknown account 'ghost'")]
    public async Task BadInput_GivesOneClearLineAndNonZeroExit(string args, string expected)
    {
        var mbox = SmallMailbox();
        var (code, output, error) = await _cli.Run(args.Replace("MBOX", mbox, StringComparison.Ordinal).Split('|'));
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal("", output);
        var status = await _cli.Run("status", "--json");
        Assert.Equal("[]", status.Out.Trim()); // nothing half-written: no account was created
    }

    [Fact]
    public async Task Report_AfterANewImport_AnalysesAgainSoTheReportIsCurrent()
    {
        await _cli.Run("import", SmallMailbox(), "--account", "me", "--owner", "me@corp.example");
        await _cli.Run("analyze");
        var more = Mbox("more.mbox", FileSourcesTests.Eml("zoe@z.example", "me@corp.example", "9@x", date: "Wed, 5 Nov 2025 09:00:00 +0000"));
        ((Microsoft.Extensions.Time.Testing.FakeTimeProvider)_cli.Time).Advance(TimeSpan.FromMinutes(1));
        await _cli.Run("import", more, "--account", "me");
        var csv = await _cli.Run("report", "--account", "me", "--month", "2025-11", "--format", "csv");
        Assert.Contains("zoe@z.example", csv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_MonthWithNoData_SaysWhichMonthsHaveDataAndWritesNothing()
    {
        await _cli.Run("import", SmallMailbox(), "--account", "me", "--owner", "me@corp.example");
        var file = _dir.File("never.html");
        var (code, _, error) = await _cli.Run("report", "--account", "me", "--month", "2020-01", "--format", "html", "--out", file);
        Assert.Equal(2, code);
        Assert.Contains("no data for 2020-01 in account 'me': months with data are 2025-11 to 2025-11", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        var badMonth = await _cli.Run("report", "--account", "me", "--month", "11/2025", "--format", "html");
        Assert.Equal(2, badMonth.Code);
        Assert.Contains("YYYY-MM", badMonth.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UnknownFormat_IsRejectedByTheParser()
    {
        var (code, _, error) = await _cli.Run("report", "--account", "me", "--month", "2025-11", "--format", "pdf");
        Assert.NotEqual(0, code);
        Assert.Contains("pdf", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import", "--owner")]
    [InlineData("analyze", "--account")]
    [InlineData("report", "--format")]
    [InlineData("status", "--json")]
    [InlineData("demo", "--out")]
    public async Task Help_IsThereForEveryVerb(string verb, string option)
    {
        var (code, output, _) = await _cli.Run(verb, "--help");
        Assert.Equal(0, code);
        Assert.Contains(option, output, StringComparison.Ordinal);
        Assert.Contains("--data-dir", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSetting_StopsWithAMessageNamingIt()
    {
        WriteSettings("""{ "InboxNet": { "Metrics": { "BurnInMonths": 99 } } }""");
        var (code, _, error) = await _cli.Run("status");
        Assert.Equal(2, code);
        Assert.Contains("BurnInMonths", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExcludedDomain_FromSettings_RemovesThosePeopleAtTheNextAnalysis()
    {
        await _cli.Run("import", SmallMailbox(), "--account", "me", "--owner", "me@corp.example");
        await _cli.Run("analyze");
        Assert.Contains("bob@y.example", (await _cli.Run("report", "--account", "me", "--month", "2025-11", "--format", "csv")).Out, StringComparison.Ordinal);
        WriteSettings("""{ "InboxNet": { "Extraction": { "ExcludedDomains": [ "y.example" ] } } }""");
        var analyze = await _cli.Run("analyze");
        Assert.Contains("1 person left out by your exclusions", analyze.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("bob@y.example", (await _cli.Run("report", "--account", "me", "--month", "2025-11", "--format", "csv")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exclude_ByCommand_RetroactiveForThatAccountOnly_SaysWhatChanged_AndCanBeUndone()
    {
        await _cli.Run("import", SmallMailbox(), "--account", "me", "--owner", "me@corp.example");
        await _cli.Run("import", SmallMailbox(), "--account", "other", "--owner", "me@corp.example");
        await _cli.Run("analyze");
        async Task<string> Csv(string account) => (await _cli.Run("report", "--account", account, "--month", "2025-11", "--format", "csv")).Out;
        Assert.Contains("bob@y.example", await Csv("me"), StringComparison.Ordinal);
        var contactsBefore = await ContactsAsync("me");

        var excluded = await _cli.Run("exclude", "--account", "me", "@Y.example");
        Assert.True(excluded.Code == 0, excluded.Err);
        Assert.Contains($"me: excluded @y.example. Analysed again", excluded.Out, StringComparison.Ordinal);
        Assert.Contains($"{contactsBefore - 1} contacts (were {contactsBefore}); 1 person left out by your exclusions", excluded.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("bob@y.example", await Csv("me"), StringComparison.Ordinal);
        Assert.Contains("bob@y.example", await Csv("other"), StringComparison.Ordinal); // one account's exclusions are its own
        Assert.Contains("me: excluded @y.example", (await _cli.Run("exclude", "--account", "me")).Out, StringComparison.Ordinal);
        // A later analysis keeps applying it.
        await _cli.Run("analyze", "--account", "me");
        Assert.DoesNotContain("bob@y.example", await Csv("me"), StringComparison.Ordinal);

        var again = await _cli.Run("exclude", "--account", "me", "--remove", "@y.example");
        Assert.Contains("me: counted again @y.example", again.Out, StringComparison.Ordinal);
        Assert.Contains("bob@y.example", await Csv("me"), StringComparison.Ordinal);
        Assert.Equal(contactsBefore, await ContactsAsync("me"));
    }

    [Theory]
    [InlineData("not an address", "is neither an address (name@example.com) nor a domain (@example.com)")]
    [InlineData("me@corp.example", "is one of the account's own addresses")]
    public async Task Exclude_SomethingUnusable_OneLine_NothingChanged(string pattern, string expected)
    {
        await _cli.Run("import", SmallMailbox(), "--account", "me", "--owner", "me@corp.example");
        var (code, _, err) = await _cli.Run("exclude", "--account", "me", pattern);
        Assert.Equal(2, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Contains("nothing excluded", (await _cli.Run("exclude", "--account", "me")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_TwoAddressesOfOnePerson_OneContactInEveryMonth_SplitAgain()
    {
        await _cli.Run("import", SmallMailbox(), "--account", "me", "--owner", "me@corp.example");
        await _cli.Run("analyze");
        Assert.Equal(2, await ContactsAsync("me"));

        var merged = await _cli.Run("merge", "--account", "me", "--into", "ann@x.example", "BOB@y.example");
        Assert.True(merged.Code == 0, merged.Err);
        Assert.Contains("me: bob@y.example counted as ann@x.example. Analysed again, 1 months: 1 contacts (were 2).", merged.Out, StringComparison.Ordinal);
        var csv = (await _cli.Run("report", "--account", "me", "--month", "2025-11", "--format", "csv")).Out;
        Assert.DoesNotContain("bob@y.example", csv, StringComparison.Ordinal);
        Assert.Contains("ann@x.example", csv, StringComparison.Ordinal);
        Assert.Contains("bob@y.example counted as ann@x.example", (await _cli.Run("merge", "--account", "me")).Out, StringComparison.Ordinal);

        var split = await _cli.Run("merge", "--account", "me", "--split", "bob@y.example");
        Assert.Contains("bob@y.example counted as their own again", split.Out, StringComparison.Ordinal);
        Assert.Equal(2, await ContactsAsync("me"));
        Assert.Equal(2, (await _cli.Run("merge", "--account", "me", "--into", "ann@x.example", "ann@x.example")).Code);
    }

    private async Task<long> ContactsAsync(string account) =>
        System.Text.Json.JsonDocument.Parse((await _cli.Run("status", "--account", account, "--json")).Out).RootElement[0].GetProperty("contacts").GetInt64();

    [Fact]
    public async Task Meeting_ArrivingAsInvitationAndInTheCalendarExport_CountsOnce()
    {
        const string vevent = "BEGIN:VEVENT\r\nUID:same-meeting\r\nSEQUENCE:0\r\nDTSTART:20251105T100000Z\r\nDTEND:20251105T110000Z\r\n" +
            "ORGANIZER:mailto:ann@x.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:me@corp.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@x.example\r\nEND:VEVENT\r\n";
        var folder = Path.Combine(_dir.Path, "export");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "invite.eml"), FileSourcesTests.Eml("ann@x.example", "me@corp.example", "inv@x",
            date: "Mon, 3 Nov 2025 10:00:00 +0000", extra: "MIME-Version: 1.0\nContent-Type: text/calendar; method=REQUEST\n",
            body: $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n{vevent}END:VCALENDAR\r\n"));
        File.WriteAllText(Path.Combine(folder, "calendar.ics"), $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{vevent}END:VCALENDAR\r\n");
        var import = await _cli.Run("import", folder, "--account", "me", "--owner", "me@corp.example");
        Assert.Equal(0, import.Code);
        var report = JsonDocument.Parse((await _cli.Run("report", "--account", "me", "--month", "2025-11", "--format", "json")).Out).RootElement;
        Assert.Equal(1, report.GetProperty("totals").GetProperty("events").GetInt32());
        Assert.Equal(1, report.GetProperty("frequency").GetProperty("meetingHours").GetDouble());
        // The invitation is calendar traffic: it makes a meeting, not an email interaction as well.
        Assert.Equal(1, report.GetProperty("contacts").EnumerateArray().Single().GetProperty("interactions").GetInt32());
    }

    [Fact]
    public async Task OutcomeTags_FromSettings_AppearInTheConversionMetric()
    {
        WriteSettings("""{ "InboxNet": { "Metrics": { "OutcomeTags": { "ann@x.example": [ "client" ] } } } }""");
        await _cli.Run("import", SmallMailbox(), "--account", "me", "--owner", "me@corp.example");
        var report = JsonDocument.Parse((await _cli.Run("report", "--account", "me", "--month", "2025-11", "--format", "json")).Out).RootElement;
        var outcome = report.GetProperty("conversion").GetProperty("outcomes").EnumerateArray().Single();
        Assert.Equal("client", outcome.GetProperty("tag").GetString());
        Assert.Equal(1, outcome.GetProperty("contacts").GetInt32());
    }

    [Fact]
    public async Task TwoAccounts_EachReportHoldsOnlyItsOwnPeople()
    {
        await _cli.Run("import", SmallMailbox(), "--account", "me", "--owner", "me@corp.example");
        var other = Mbox("other.mbox", FileSourcesTests.Eml("zed@secret.example", "you@corp.example", "z@x", date: "Mon, 3 Nov 2025 10:00:00 +0000"));
        await _cli.Run("import", other, "--account", "you", "--owner", "you@corp.example");
        await _cli.Run("analyze");
        var mine = await _cli.Run("report", "--account", "me", "--month", "2025-11", "--format", "json");
        var yours = await _cli.Run("report", "--account", "you", "--month", "2025-11", "--format", "json");
        Assert.DoesNotContain("secret.example", mine.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("ann@x.example", yours.Out, StringComparison.Ordinal);
        Assert.Contains("zed@secret.example", yours.Out, StringComparison.Ordinal);
    }
}
