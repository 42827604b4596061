/// The generated-text templates of the top-level `templates/` folder, compiled in (kept equal to
/// the files by `TemplateTests`).
enum Templates {
    /// `templates/weight_header.h`.
    static let weightHeader = """
//Numpy array shape {{shape}}
//Min {{min}}
//Max {{max}}
//Number of zeros {{zeros}}

#ifndef {{guard}}
#define {{guard}}

{{namespace_open}}{{declaration_only}}{{declaration}} = {{{values}}};

{{declaration_end}}{{namespace_close}}
#endif

"""
}
