package dev.vodhook.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The console's templates (src/main/jte), compiled to classes at build time; every value written into them is
 * escaped for where it lands (text, attribute, URL) unless a template says otherwise, and none does for data.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), "dev.vodhook.console.templates");

    /** Renders a template whose one parameter is {@code model}. */
    public String render(String template, Object model) {
        StringOutput out = new StringOutput(8192);
        engine.render(template, model, out);
        return out.toString();
    }

    /** Answers with a whole page (or a fragment) as HTML. */
    public void answer(Context ctx, String template, Object model) {
        Headers.page(ctx);
        ctx.html(render(template, model));
    }
}
