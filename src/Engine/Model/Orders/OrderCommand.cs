namespace Engine.Model;

/// <summary>What an <see cref="OrderRequest"/> asks the venue to do.</summary>
public enum OrderCommand : byte
{
    None = 0,
    Submit = 1,
    Cancel = 2,
}
