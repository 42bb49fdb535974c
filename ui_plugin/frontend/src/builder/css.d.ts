/** Stylesheets imported as text (Vite's `?inline`), injected at run time. */
declare module "*.css?inline" {
  const css: string;
  export default css;
}
