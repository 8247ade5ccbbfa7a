namespace InboxNetworking.Core.Domain;

/// <summary>A scoring decision kept for an account: opaque to the core (the model is the plug-in's own bytes).</summary>
/// <param name="Label">What is predicted, e.g. "depth".</param>
/// <param name="TrainedOn">The training window and rows (with the options that shaped them): equal means nothing changed.</param>
/// <param name="Used">"model" or "s0".</param>
/// <param name="Version">The model's version, null where S0 was kept.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="Evaluation">The evaluation behind the decision, as the plug-in wrote it (JSON).</param>
/// <param name="Model">The trained model, null where S0 was kept.</param>
/// <param name="CreatedAt">When it was trained or decided.</param>
public sealed record SavedModel(string Label, string TrainedOn, string Used, string? Version, string Reason, string Evaluation, byte[]? Model, DateTimeOffset CreatedAt);
