using System.ComponentModel.DataAnnotations;

namespace InboxNetworking.Scoring.Evaluation;

/// <summary>How the models are trained and judged (section InboxNet:Scoring).</summary>
public sealed class ScoringOptions
{
    public const string Section = "InboxNet:Scoring";

    /// <summary>Fewer labelled rows than this before a test month: no model, S0 (and the report says so).</summary>
    [Range(10, 1_000_000)]
    public int MinTrainRows { get; set; } = 200;

    /// <summary>At least this many of each class in the training rows.</summary>
    [Range(1, 100_000)]
    public int MinTrainPositives { get; set; } = 20;

    /// <summary>Test months evaluated (the latest ones), each with its own training: the cost grows with it.</summary>
    [Range(1, 120)]
    public int MaxFolds { get; set; } = 6;

    /// <summary>Rows a model trains on at most (every k-th beyond it): bounds the time on a large mailbox.</summary>
    [Range(100, 10_000_000)]
    public int MaxTrainRows { get; set; } = 40_000;

    [Range(10, 2000)]
    public int Trees { get; set; } = 100;

    [Range(2, 256)]
    public int Leaves { get; set; } = 16;

    [Range(1, 10_000)]
    public int MinLeafRows { get; set; } = 10;

    [Range(50, 10_000)]
    public int BootstrapResamples { get; set; } = 300;

    /// <summary>The AUC the model must gain over Interaction Rank (with the interval above 0) to be used.</summary>
    [Range(0.0, 0.5)]
    public double MinAucGain { get; set; } = 0.02;

    public int Seed { get; set; } = 17;

    /// <summary>Train each account's models on the rows of every account in this store together (an organisation's
    /// deployment): more history, still tested on the account's own months before it is used. Off by default, since
    /// one mailbox's interaction figures then shape another's scores (its figures only: never a message, name or
    /// address).</summary>
    public bool PoolAccounts { get; set; }

    /// <summary>Other accounts pooled at most (the earliest added first): each is read again at every analysis
    /// that pools.</summary>
    [Range(1, 1000)]
    public int MaxPooledAccounts { get; set; } = 20;

    /// <summary>Features listed in the permutation importance (those whose shuffling costs AUC, largest first).</summary>
    [Range(1, 56)]
    public int ImportanceListed { get; set; } = 8;
}
