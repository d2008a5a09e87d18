namespace Engine.Cli.Run;

/// <summary>Garbage collections during the run, by generation.</summary>
public sealed record GcFigures
{
    public int Gen0 { get; init; }
    public int Gen1 { get; init; }
    public int Gen2 { get; init; }
}
