//Numpy array shape {{shape}}
//Min {{min}}
//Max {{max}}
//Number of zeros {{zeros}}

#ifndef {{guard}}
#define {{guard}}

{{namespace_open}}{{declaration_only}}{{declaration}} = {{{values}}};

{{declaration_end}}{{namespace_close}}
#endif
