namespace InboxNetworking.Worker.Demo;

/// <summary>A person in the synthetic mailbox (reserved .example domains, plus free-mail users).</summary>
internal sealed record Person(string Name, string Address);

/// <summary>The cast of the demo mailbox, each group with a story the report should tell.</summary>
internal static class DemoPeople
{
    public static readonly Person Owner = new("Alex Morgan", "alex.morgan@northwind.example");

    /// <summary>Internal colleagues: weekly threads both ways and recurring 1:1s.</summary>
    public static readonly Person[] Colleagues =
    [
        new("Priya Shah", "priya.shah@northwind.example"), new("Tom Becker", "tom.becker@northwind.example"),
        new("Lena Ivanova", "lena.ivanova@northwind.example"), new("Marco Rossi", "marco.rossi@northwind.example"),
        new("Aiko Tanaka", "aiko.tanaka@northwind.example"),
    ];

    /// <summary>Clients and partners: regular two-way exchanges every week or two.</summary>
    public static readonly Person[] Strong =
    [
        new("Sofia Almeida", "sofia@contoso.example"), new("David Chen", "d.chen@fabrikam.example"), new("Fatima Zahra", "fatima@adatum.example"),
        new("Jonas Berg", "jonas.berg@tailspin.example"), new("Olga Petrova", "olga.petrova@litware.example"), new("Samuel Okafor", "samuel@wingtip.example"),
        new("Emma Laurent", "emma.laurent@proseware.example"), new("Ravi Kumar", "ravi.kumar@gmail.com"),
    ];

    /// <summary>New contacts who start by email and convert into meetings.</summary>
    public static readonly Person[] Converting =
    [
        new("Nina Hoffmann", "nina@fourthcoffee.example"), new("Carlos Mendez", "carlos.mendez@lucerne.example"), new("Yuki Sato", "yuki.sato@margie.example"),
        new("Grace Kim", "grace.kim@trey.example"), new("Omar Haddad", "omar@humongous.example"), new("Elena Novak", "elena.novak@gmail.com"),
    ];

    /// <summary>Ties that were active early on and then went quiet.</summary>
    public static readonly Person[] Cooling =
    [
        new("Peter Walsh", "peter.walsh@blueyonder.example"), new("Hannah Schmidt", "hannah@coho.example"),
        new("Luis Garcia", "luis.garcia@northwind.example"), new("Mei Lin", "mei.lin@relecloud.example"),
    ];

    /// <summary>People introduced by a core colleague.</summary>
    public static readonly Person[] Introduced =
    [
        new("Ingrid Larsen", "ingrid.larsen@alpineski.example"), new("Kwame Mensah", "kwame@woodgrove.example"),
        new("Sara Cohen", "sara.cohen@northwind.example"), new("Victor Dubois", "victor.dubois@cpandl.example"),
    ];

    /// <summary>Cold inbound: vendors who write and never get an answer.</summary>
    public static readonly Person[] Vendors = Enumerable.Range(1, 8)
        .Select(i => new Person($"Vendor Rep {i}", $"rep{i}@vendor{i}.example")).ToArray();

    /// <summary>Occasional correspondents.</summary>
    public static readonly Person[] Weak = Enumerable.Range(1, 15)
        .Select(i => new Person($"Acquaintance {i}", i % 3 == 0 ? $"acq{i}@gmail.com" : $"person{i}@company{i}.example")).ToArray();

    /// <summary>Members of the architecture mailing list.</summary>
    public static readonly Person[] ListMembers = Enumerable.Range(1, 10)
        .Select(i => new Person($"List Member {i}", $"member{i}@northwind.example")).ToArray();

    /// <summary>Everyone at the monthly all-hands.</summary>
    public static readonly Person[] AllHands = Enumerable.Range(1, 36)
        .Select(i => new Person($"Colleague {i}", $"colleague{i}@northwind.example")).ToArray();

    public static readonly Person Ceo = new("Robin Ellis", "robin.ellis@northwind.example");

    public static readonly Person[] Newsletters =
    [
        new("Industry Weekly", "newsletter@industryweekly.example"), new("Cloud Digest", "digest@clouddigest.example"),
        new("Events Hub", "news@eventshub.example"),
    ];

    public static readonly Person Notifications = new("Build Server", "notifications@ci.northwind.example");

    public const string ListId = "Architecture <architecture.lists.northwind.example>";

    public static readonly Person List = new("Architecture list", "architecture@lists.northwind.example");
}
