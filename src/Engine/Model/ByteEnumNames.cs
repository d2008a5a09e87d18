using System.Runtime.CompilerServices;

namespace Engine.Model;

/// <summary>
/// The declared names of a byte-sized enum, looked up without <c>Enum.ToString</c>: the table is built once per type,
/// so writing a name per journal row or alert allocates nothing. An undeclared value reads as its number.
/// </summary>
public static class ByteEnumNames<TEnum>
    where TEnum : unmanaged, Enum
{
    private static readonly string[] Names = Build();

    public static string Of(TEnum value)
    {
        byte raw = Unsafe.As<TEnum, byte>(ref value);
        return Names[raw];
    }

    private static string[] Build()
    {
        if (Unsafe.SizeOf<TEnum>() != 1)
        {
            throw new NotSupportedException($"{typeof(TEnum).Name} is not a byte-sized enum");
        }

        var names = new string[256];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (TEnum value in Enum.GetValues<TEnum>())
        {
            TEnum copy = value;
            names[Unsafe.As<TEnum, byte>(ref copy)] = value.ToString();
        }

        return names;
    }
}
