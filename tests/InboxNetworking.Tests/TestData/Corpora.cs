namespace InboxNetworking.Tests.TestData;

/// <summary>The shared real-world corpora (../shared/corpora), found through INBOXNET_CORPORA.</summary>
internal static class Corpora
{
    /// <summary>The corpus folder; a test that needs it fails with this message rather than pretending to pass.</summary>
    public static string Root
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("INBOXNET_CORPORA");
            if (string.IsNullOrWhiteSpace(root))
                Assert.Fail("INBOXNET_CORPORA is not set, so the corpus conformance tests cannot run: point it at ../shared/corpora (tests/run-tests.sh does).");
            if (!Directory.Exists(root))
                Assert.Fail($"INBOXNET_CORPORA points at '{root}', which does not exist.");
            return root!;
        }
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
