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
}
