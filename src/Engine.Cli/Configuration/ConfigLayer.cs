namespace Engine.Cli.Configuration;

/// <summary>Where a configuration value came from, lowest precedence first.</summary>
public enum ConfigLayer
{
    Default = 0,
    File = 1,
    Environment = 2,
    CommandLine = 3,
}
