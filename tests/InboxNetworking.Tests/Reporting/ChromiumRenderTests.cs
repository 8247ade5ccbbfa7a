using InboxNetworking.Reporting.Renderers;
using InboxNetworking.Tests.TestData;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace InboxNetworking.Tests.Reporting;

/// <summary>The HTML report in a real browser: Debian's Chromium, headless, through chromedriver.</summary>
public sealed class ChromiumRenderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ChromeDriver StartChromium(string profile)
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is not installed: tests/run-tests.sh installs Debian's chromium and chromium-driver");
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile}", "--window-size=1000,3000");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void HtmlReport_RendersInChromiumWithoutConsoleErrorsAndWithVisibleCharts()
    {
        var path = _dir.File("report.html");
        File.WriteAllText(path, new HtmlReportRenderer().Render(Reports.Sample()));
        using var driver = StartChromium(_dir.File("profile"));
        driver.Navigate().GoToUrl(new Uri(path).AbsoluteUri);

        Assert.StartsWith("Networking report 2025-12", driver.Title, StringComparison.Ordinal);
        var charts = driver.FindElements(By.CssSelector("svg.chart"));
        Assert.Equal(8, charts.Count);
        Assert.All(charts, c =>
        {
            Assert.True(c.Displayed);
            Assert.True(c.Size.Width > 100 && c.Size.Height > 50, $"chart size {c.Size}");
        });
        var bars = driver.FindElements(By.CssSelector("#frequency svg rect"));
        Assert.Equal(11, bars.Count);
        Assert.All(bars, b => Assert.True(b.Size.Height > 0));
        Assert.Contains(Reports.HostileName, driver.FindElement(By.Id("contacts")).Text, StringComparison.Ordinal);
        var alertShown = ((IJavaScriptExecutor)driver).ExecuteScript("return document.querySelectorAll('script, img').length");
        Assert.Equal(0L, alertShown);
        var errors = driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("en", "WHAT TO DO", "Your networking report for December 2025: ")]
    [InlineData("ru", "ЧТО СДЕЛАТЬ", "Ваш отчёт о нетворкинге за декабрь 2025: ")]
    public void MailBody_ShowsWithoutStyleOrSvg_AndFitsAPhoneAndADesktopWithoutSideways(string language, string actionsHeading, string subject)
    {
        var text = InboxNetworking.Reporting.Text.ReportText.For(language);
        var message = InboxNetworking.Reporting.Delivery.ReportMessage.Build(Reports.Sample(), "me@corp.example", new DateTimeOffset(2026, 1, 1, 7, 0, 0, TimeSpan.Zero), text: text);
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        var parsed = MimeKit.MimeMessage.Load(stream);
        var html = parsed.HtmlBody ?? "";
        // What clients strip is not there: style elements, SVG, script, data: URIs, anything fetched.
        foreach (var stripped in new[] { "<style", "<svg", "<script", "data:", "src=\"http", "<link" })
            Assert.DoesNotContain(stripped, html, StringComparison.OrdinalIgnoreCase);
        Assert.All(System.Text.RegularExpressions.Regex.Matches(html, "cid:([^\"' >]+)").Select(m => m.Groups[1].Value),
            cid => Assert.Contains(parsed.BodyParts, p => p.ContentId == cid));
        Assert.Contains(actionsHeading, (parsed.TextBody ?? "").ToUpperInvariant(), StringComparison.Ordinal);
        Assert.Equal(subject + "acct <b>", parsed.Subject);

        // A CR LF in the account's name stays inside the subject: it cannot add a header.
        var hostile = InboxNetworking.Reporting.Delivery.ReportMessage.Build(Reports.Sample() with { Account = "me\r\nBcc: victim@x.example" }, "me@corp.example", DateTimeOffset.UnixEpoch, text: text);
        using var hostileStream = new MemoryStream();
        hostile.WriteTo(hostileStream);
        hostileStream.Position = 0;
        var reread = MimeKit.MimeMessage.Load(hostileStream);
        Assert.Empty(reread.Bcc);
        Assert.DoesNotContain(reread.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(subject + "me  Bcc: victim@x.example", reread.Subject);

        using var driver = StartChromium(_dir.File("profile"));
        var page = _dir.File("frames.html");
        // Headless Chromium will not size a window under 500 px: the phone is a 375 px iframe.
        File.WriteAllText(page, $"<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"phone\" style=\"width:375px;height:800px;border:0\" srcdoc=\"{System.Net.WebUtility.HtmlEncode(html)}\"></iframe>"
            + $"<iframe id=\"desktop\" style=\"width:1024px;height:800px;border:0\" srcdoc=\"{System.Net.WebUtility.HtmlEncode(html)}\"></iframe></body></html>");
        driver.Navigate().GoToUrl(new Uri(page).AbsoluteUri);
        var js = driver;
        foreach (var (frame, width) in new[] { ("phone", 375L), ("desktop", 1024L) })
        {
            var scrollWidth = (long)js.ExecuteScript($"return document.getElementById('{frame}').contentDocument.documentElement.scrollWidth")!;
            Assert.True(scrollWidth <= width, $"{frame}: {scrollWidth} px wide in {width} px");
            foreach (var section in new[] { "highlights", "actions", "areas", "newContacts", "frequency", "engagement", "conversion", "depth", "reciprocity", "influence", "access", "contacts", "going-cold", "owed-replies" })
                Assert.True((bool)js.ExecuteScript($"return document.getElementById('{frame}').contentDocument.getElementById('{section}') !== null")!, $"{frame}: no {section}");
            var bars = (long)js.ExecuteScript($"return document.getElementById('{frame}').contentDocument.querySelectorAll('#frequency .bar').length")!;
            Assert.Equal(11L, bars);
        }
        Assert.Contains(Reports.HostileName, (string)js.ExecuteScript("return document.getElementById('phone').contentDocument.getElementById('contacts').textContent")!, StringComparison.Ordinal);
        Assert.Equal(0L, js.ExecuteScript("return document.getElementById('phone').contentDocument.querySelectorAll('script, img, svg').length"));
    }
}
