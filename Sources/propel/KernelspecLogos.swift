import Foundation

/// The files of Propel's kernelspec besides kernel.json, embedded so `propel install` works from
/// the binary alone. They are copies of `Kernelspec/propel/` (drawn by its make-logos.py);
/// Tests/python/test_kernel_install.py checks that installed files equal those originals.
enum KernelspecLogos {
    static let files: [String: Data] = [
        "logo-32x32.png": decode(logo32),
        "logo-64x64.png": decode(logo64),
        "logo-svg.svg": Data(svg.utf8),
    ]

    private static func decode(_ lines: [String]) -> Data {
        guard let data = Data(base64Encoded: lines.joined()) else { fatalError("embedded logo is not base64") }
        return data
    }

    private static let logo32 = [
        "iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAABRUlEQVR42mNgQALyfj35QHweiP/TCIPMzmdAB0BBfhpbjM0h/MgO",
        "oKflcEcgBztZhuiEtP3PK80C02SakU+R7zua4v9/2mYEpskOBUqC8fpKW7ADQDS5ZjBQEvwgy2GY3Ggg2wHBGaUoDgDxRx0w6oCR",
        "5YBVO47///frExj/vL+Uvtlw7sYz/9EBSIwuDgAF9cfP3zEcAAqJDVP9SI4Koh3gllj9f+8cD3B8gyzD5gBYegCpA6mnmgOmdkSi",
        "JDhQnKMDkBiyGhAG6aPIAaCEdWqRE4bBIHzx9DZwVIAwKP5BwY9NHUg/vgTKgM/yJ+vNMQwEiYHaANj0gMRx6cHlCJwOgMU3siGg",
        "ep9QdgPJg9ShOwRkHkkOAAUpKPhANDmtHlhrCdkcqhZE1MKjDhh1wEB1SlCa5fkD6ID8ge+aDYrO6UB2zwHjODHeO13CPAAAAABJ",
        "RU5ErkJggg==",
    ]

    private static let logo64 = [
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAACk0lEQVR42u2bMUvDQBTH75vkC+jiIgo6iIhTl7oUhyg4iIOdnLqo",
        "gxRUHKSTguCkk4LiIGh396KLTjroEnRxEc78S07appfe1eSuvbyDP4Qk9N77vcu9l+aOsYTmFfa8UOVQ9VBBKD4kCiKbYbvHdFvk",
        "+MkQOdxLJ8ogwhv9IYu2zqjwVZznjsvPs/PdIUTPfJAjAEHbnODYhKc8MbZG34oRE4ub/PF8qikcW7DBY1GutALg7nief92MNYVj",
        "CzaUWVQwGO98brny57wQzhm2o85sTX61aikGAOdMT4bM1vB/OJ2JAcA503ZYATCysBNzXgjXnAdQXN2QAsA15wFUKitSALjmPIDq",
        "ti8FgGvOA+iWAWxlAma7AOqU6YKIABAAAkAACAClQSqEqBQ2qqOzK/7z+cRFw/F3Y9f9l6HR0iFvPL9zWQOISX/fXQBJzouGe5wE",
        "sHV0z1Ub7nUOgEr0RQs+Xprp0MSfpMzEvz8obnRba2GU5cTIsnZcONIvgKxBpA4AX3gua4WYA61pr1fDvbI6Ab+d5lcklnaF93ox",
        "3tVw5HnVJmoCmdBHWhUjSyvqSS84OqMgKfrdHov/joZ/A1haL0ujHtPtdCIEZIq361llAGI0wAYrANY31rSMFVFDnm9NizgWuR8f",
        "RlRGU6dgi1EApwdF7UjpvOjgXuWRFQk2GQGgG/l+Z25ZRklzJLB+8rvOcE8jd3fWFL2k06c2AJWIZFW0qIKAjZkBkD2XWOaC+t3E",
        "Uhf0gb7Qp2y+yQwAUg6iAIE0ChILKzvaVprABtgi7NJJi9YWSAyKCAABIAAEgAAQAAKQbwBBjgEE1hZLD4jqVpfLD4DKVjdMDIA8",
        "2jJDm6Zo2xxtnKSts7R5Osfb538ByzPBc+xeImwAAAAASUVORK5CYII=",
    ]

    private static let svg = #"""
<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><title>Propel</title><rect width="64" height="64" rx="12" fill="#1f4e8c"/><ellipse cx="44.0" cy="31" rx="13.0" ry="3.75" transform="rotate(-90 32 32)" fill="#f2b632"/><ellipse cx="44.0" cy="31" rx="13.0" ry="3.75" transform="rotate(-210 32 32)" fill="#f2b632"/><ellipse cx="44.0" cy="31" rx="13.0" ry="3.75" transform="rotate(-330 32 32)" fill="#f2b632"/><circle cx="32" cy="32" r="6" fill="#ffffff"/></svg>
"""# + "\n"
}
