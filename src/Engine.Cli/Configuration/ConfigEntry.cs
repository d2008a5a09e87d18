namespace Engine.Cli.Configuration;

/// <summary>One effective setting: its key (<c>Section:Name</c>), value, and where the value came from.</summary>
public sealed record ConfigEntry(string Key, string Value, ConfigLayer Layer, string Origin)
{
    public override string ToString() => $"{Key} = {Value}  ({Origin})";
}
