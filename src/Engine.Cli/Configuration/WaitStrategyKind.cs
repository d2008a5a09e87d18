namespace Engine.Cli.Configuration;

/// <summary>How the engine thread waits for input: spin on a dedicated core, or give the core away.</summary>
public enum WaitStrategyKind
{
    BusySpin,
    Yielding,
    Sleeping,
    Blocking,
}
